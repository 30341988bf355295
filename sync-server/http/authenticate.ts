// Who is calling: the device session behind the bearer token or the `clearway_session` cookie,
// never a token in the address (addresses end up in proxies' and servers' logs; the event stream
// is read with fetch, which sends the header, see src/data/serverEvents.ts). A revoked
// device is answered 401 `device_revoked`, which tells it to wipe its local data. So is a demo
// account's device on a production server: a demo tried on the same data before the server was
// started in production mode keeps its sessions in the database, and they must not work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceSession } from '../accounts/sessions';
import { findSessionByToken } from '../accounts/sessions';
import { type Account, findAccount } from '../accounts/users';
import type { ServerConfig } from '../config';
import type { Queryable } from '../storage/database';
import { sendProblem } from './problems';

export const SESSION_COOKIE = 'clearway_session';

/** What a revoked device is told: the code its data layer wipes on (also ending its event stream). */
export const DEVICE_REVOKED = {
  error: 'device_revoked',
  message:
    'This device was signed out of Clearway, so the work kept on it has been removed. Sign in again to continue.',
} as const;

/** Why a demo account is refused on a production server (sign-in adds what to do instead). */
export const DEMO_REFUSED = 'Demo accounts cannot be used on this server.';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set once per server by `setSessionRules`; `authenticate` reads it from the request's server. */
    clearwaySessionRules?: SessionRules;
  }
}

type SessionRules = { isDemoRefused: boolean };

/**
 * Says, for every route on `app` (and the plugins under it), whether demo accounts' sessions are
 * refused. On the server, not passed to `authenticate`: every route reaches it through the
 * request, the event stream's included, so no route can forget it.
 */
export function setSessionRules(app: FastifyInstance, config: ServerConfig): void {
  app.decorate('clearwaySessionRules', { isDemoRefused: config.mode === 'production' });
}

export type Caller = { account: Account; session: DeviceSession };

/** The caller as the event log records who sent a change: the person, and the device by id and name. */
export const pusherOf = (caller: Caller) => ({
  account: caller.account,
  deviceId: caller.session.deviceId,
  deviceName: caller.session.name,
});

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.cookies[SESSION_COOKIE] || undefined;
}

/** The caller, or undefined after answering 401. */
export async function authenticate(
  db: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller | undefined> {
  const token = tokenOf(request);
  const session = token ? await findSessionByToken(db, token) : undefined;
  if (!session) {
    sendProblem(reply, 401, 'not_signed_in', 'Please sign in to continue.');
    return undefined;
  }
  if (session.revokedAt) {
    sendProblem(reply, 401, DEVICE_REVOKED.error, DEVICE_REVOKED.message);
    return undefined;
  }
  const account = await findAccount(db, session.userId);
  if (!account) {
    sendProblem(
      reply,
      401,
      'not_signed_in',
      'Your account no longer exists. Please speak to an administrator.',
    );
    return undefined;
  }
  if (account.isDemo && sessionRulesOf(request).isDemoRefused) {
    // device_revoked: the device wipes what it holds and shows the sign-in page with this message.
    sendProblem(
      reply,
      401,
      DEVICE_REVOKED.error,
      'Demo accounts cannot be used on this server, so the demo work kept on this device has been removed. Sign in with your own account.',
    );
    return undefined;
  }
  return { account, session };
}

function sessionRulesOf(request: FastifyRequest): SessionRules {
  const rules = request.server.clearwaySessionRules;
  // Refuse rather than guess: a server built without them might be a production one.
  if (!rules) throw new Error('setSessionRules was not called for this server.');
  return rules;
}
