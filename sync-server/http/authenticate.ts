// Who is calling: the device session behind the bearer token or the `clearway_session` cookie,
// never a token in the address (addresses end up in proxies' and servers' logs; the event stream
// is read with fetch, which sends the header, see src/data/serverEvents.ts). A revoked
// device is answered 401 `device_revoked`, which tells it to wipe its local data. So is a demo
// account's device on a production server: a demo tried on the same data before the server was
// started in production mode keeps its sessions in the database, and they must not work.
// A session not used for CLEARWAY_SESSION_IDLE_DAYS is answered 401 `session_expired`: the
// person signs in again, and the device keeps what it holds.
//
// The cookie (SameSite=Lax) also comes with requests that other pages of the same site make, and
// with plain form posts (text/plain bodies are parsed): a change made with the cookie alone must
// come from Clearway's own pages, as the browser's Sec-Fetch-Site and Origin say. A bearer token
// needs no such check: no other page can make the browser send it.
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

type SessionRules = {
  isDemoRefused: boolean;
  /** How long a session may go unused before it is refused (CLEARWAY_SESSION_IDLE_DAYS). */
  idleDays: number;
  /** Where Clearway's own pages are (CLEARWAY_PUBLIC_URL); undefined: the request's own host. */
  ownOrigin: string | undefined;
};

/** What a device not used for `idleDays` is told: not to wipe, only to have the person sign in. */
const SESSION_EXPIRED = 'session_expired';

/**
 * Says, for every route on `app` (and the plugins under it), whether demo accounts' sessions are
 * refused. On the server, not passed to `authenticate`: every route reaches it through the
 * request, the event stream's included, so no route can forget it.
 */
export function setSessionRules(app: FastifyInstance, config: ServerConfig): void {
  app.decorate('clearwaySessionRules', {
    isDemoRefused: config.mode === 'production',
    idleDays: config.sessionIdleDays,
    ownOrigin: config.isPublicUrlGiven ? config.publicUrl : undefined,
  } satisfies SessionRules);
}

export type Caller = { account: Account; session: DeviceSession };

/** The caller as the event log records who sent a change: the person, and the device by id and name. */
export const pusherOf = (caller: Caller) => ({
  account: caller.account,
  deviceId: caller.session.deviceId,
  deviceName: caller.session.name,
});

/** The caller's token, and whether it came in the cookie (so the browser may have added it). */
function credentialsOf(request: FastifyRequest): { token: string; isCookie: boolean } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), isCookie: false };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, isCookie: true } : undefined;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
// `none`: the person opened the address themselves; no header at all: a browser too old to say.
const OWN_FETCH_SITES = new Set(['same-origin', 'none', undefined]);

/** Whether a request made with the cookie alone came from a page that is not Clearway's own. */
function isFromAnotherSite(request: FastifyRequest, rules: SessionRules): boolean {
  if (READS.has(request.method)) return false;
  const fetchSite = request.headers['sec-fetch-site'];
  if (!OWN_FETCH_SITES.has(typeof fetchSite === 'string' ? fetchSite : undefined)) return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (rules.ownOrigin) return origin !== rules.ownOrigin;
  // With no public address set (a demo), the host this request was sent to is Clearway's. Only
  // the host: behind a proxy that ends HTTPS and is not trusted, this server sees plain http.
  return !URL.canParse(origin) || new URL(origin).host !== request.host;
}

/** The caller, or undefined after answering 401. */
export async function authenticate(
  db: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller | undefined> {
  const rules = sessionRulesOf(request);
  const credentials = credentialsOf(request);
  if (credentials?.isCookie && isFromAnotherSite(request, rules)) {
    sendProblem(
      reply,
      403,
      'cross_site_request',
      'This request came from a page that is not part of Clearway, so it was refused. Open Clearway at its own address and try again.',
    );
    return undefined;
  }
  const session = credentials ? await findSessionByToken(db, credentials.token, rules.idleDays) : undefined;
  if (!session) {
    sendProblem(reply, 401, 'not_signed_in', 'Please sign in to continue.');
    return undefined;
  }
  // Revoked first: a device whose access was withdrawn must wipe, however long it lay unused.
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
  if (account.isDemo && rules.isDemoRefused) {
    // device_revoked: the device wipes what it holds and shows the sign-in page with this message.
    sendProblem(
      reply,
      401,
      DEVICE_REVOKED.error,
      'Demo accounts cannot be used on this server, so the demo work kept on this device has been removed. Sign in with your own account.',
    );
    return undefined;
  }
  // After the account's own checks: a demo session a production server refuses must still wipe,
  // however long it lay unused.
  if (session.isIdleTooLong) {
    sendProblem(
      reply,
      401,
      SESSION_EXPIRED,
      `You have not used Clearway on this device for more than ${days(rules.idleDays)}, so you have been signed out. Sign in again.`,
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

const days = (count: number) => `${count.toLocaleString('en-GB')} day${count === 1 ? '' : 's'}`;
