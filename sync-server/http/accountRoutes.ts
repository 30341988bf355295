// Sign-in, sign-out, who am I, my devices (and revoking them), and the directory of people.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Attempt, AttemptTicket } from '../accounts/loginLimiter';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../accounts/passwords';
import {
  findSession,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  startSession,
} from '../accounts/sessions';
import {
  findAccountByUsername,
  findEmail,
  isAdministrator,
  listAccounts,
  setEmail,
  setPasswordHash,
  toPrincipal,
} from '../accounts/users';
import type { ServerConfig } from '../config';
import { newPasswordSchema } from './accountAdminRoutes';
import { authenticate, type Caller, DEMO_REFUSED, SESSION_COOKIE, setSessionRules } from './authenticate';
import type { ServerContext } from './context';
import { parseOrReply, sendProblem } from './problems';

const loginSchema = z.object({
  username: z.string().trim().min(1, 'enter your username').max(80),
  password: z.string().min(1, 'enter your password').max(1000),
  deviceName: z.string().trim().max(120).optional(),
});

const emailSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'an e-mail address is at most 254 characters')
    .pipe(z.email('enter an e-mail address in the right format, like name@example.gov.uk'))
    .nullable(),
});

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(1000),
  newPassword: newPasswordSchema,
  /** Someone else may know the old password: sign the person's other devices out (they wipe). */
  signOutOtherDevices: z.boolean().optional(),
});

const deviceQuerySchema = z.object({ userId: z.string().min(1).max(80).optional() });
const deviceParamsSchema = z.object({ id: z.string().min(1).max(80) });

// Thirty days: a tablet used offline for days must still be signed in when it comes back.
export const SESSION_MAX_AGE_S = 60 * 60 * 24 * 30;

/**
 * An HttpOnly cookie's options. Secure when people reach Clearway over https, as
 * CLEARWAY_PUBLIC_URL says (required in production), never from how a request came: a request's
 * protocol is the proxy's word, or plain http behind a proxy that ends TLS.
 */
export function cookieOptions(config: ServerConfig, path: string, maxAge: number) {
  return {
    httpOnly: true,
    // Lax: the cookie comes back on the organisation's top-level redirect, never on others' posts.
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https:'),
    path,
    maxAge,
  };
}

export function registerAccountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, limiter } = ctx;
  /**
   * Runs a password check in the place `ticket` holds and gives the place back however it ends:
   * a failure when the password was wrong, none when it was right or the check itself failed.
   */
  /**
   * Runs everything between taking a place and giving it back, so nothing that fails on the way
   * (a database blip finding the account) keeps the place. `check` answers true (right), false
   * (a wrong guess, counted) or null (no guess: refused for another reason).
   */
  const checkInPlace = async <T extends boolean | null>(ticket: AttemptTicket, check: () => Promise<T>) => {
    let isRight: T | undefined;
    try {
      isRight = await check();
      return isRight;
    } finally {
      await limiter.settle(ticket, isRight === false, ctx.now().getTime());
    }
  };
  // Every route's authenticate reads these from the server (it refuses every call without them).
  setSessionRules(app, ctx.config);

  app.post('/api/auth/login', async (request, reply) => {
    const body = parseOrReply(loginSchema, request.body, reply, 'sign-in form');
    if (!body) return reply;
    // A place is taken before the (slow) password check, so guesses sent at once cannot all slip
    // in under the limit (sign-ins that arrive together wait their turn for one).
    const attempt = await limiter.reserve(body.username, request.ip, ctx.now().getTime());
    if (!attempt.isAllowed) return refuseAttempt(reply, attempt, 'Too many failed sign-ins.');
    const found: { account: Awaited<ReturnType<typeof findAccountByUsername>> } = { account: undefined };
    const isRight = await checkInPlace(attempt.ticket, async () => {
      const account = await findAccountByUsername(db, body.username);
      found.account = account;
      if (account?.isDemo && ctx.config.mode === 'production') return null;
      // A missing account is checked against a dummy hash too: it takes as long, and it is a failure.
      return (
        (await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH)) && !!account?.passwordHash
      );
    });
    const { account } = found;
    if (isRight === null) {
      return sendProblem(reply, 401, 'bad_credentials', `${DEMO_REFUSED} Sign in with your own account.`);
    }
    if (!account || !isRight) {
      return sendProblem(reply, 401, 'bad_credentials', 'The username or password is not right.');
    }
    await limiter.recordSuccess(body.username);
    const deviceName = body.deviceName || describeDevice(request);
    const { token, session } = await startSession(db, account.userId, deviceName);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx.config, '/', SESSION_MAX_AGE_S));
    return { token, user: toPrincipal(account), deviceId: session.deviceId };
  });

  // Everything below needs a signed-in, unrevoked device.
  const signedIn = async (request: FastifyRequest, reply: Parameters<typeof authenticate>[2]) =>
    authenticate(db, request, reply);

  app.post('/api/auth/logout', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    await revokeSession(db, caller.session.deviceId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    return {
      user: toPrincipal(caller.account),
      deviceId: caller.session.deviceId,
      email: await findEmail(db, caller.account.userId),
    };
  });

  app.put('/api/me/email', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    const body = parseOrReply(emailSchema, request.body, reply, 'e-mail address');
    if (!body) return reply;
    const email = body.email === '' ? null : body.email;
    await setEmail(db, caller.account.userId, email);
    return { email };
  });

  app.put('/api/me/password', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    const body = parseOrReply(passwordChangeSchema, request.body, reply, 'password change');
    if (!body) return reply;
    // Guessing the current password here is held to the same limit as at sign-in.
    const { username } = caller.account;
    const attempt = await limiter.reserve(username, request.ip, ctx.now().getTime());
    if (!attempt.isAllowed) return refuseAttempt(reply, attempt, 'Too many wrong passwords.');
    const isRight = await checkInPlace(attempt.ticket, () =>
      verifyPassword(body.currentPassword, caller.account.passwordHash ?? DUMMY_HASH),
    );
    if (!isRight) return sendProblem(reply, 400, 'wrong_password', 'Your current password is not right.');
    // A password changed because someone else may know it must lock them out, so the person may
    // sign out every other device (each wipes at its next call; the one in hand stays). They
    // choose: a routine change must not wipe a tablet's changes not yet sent.
    // Hashed first: the slow hash must not hold a transaction open (PGlite runs one at a time).
    const passwordHash = await hashPassword(body.newPassword);
    await db.transaction(async (tx) => {
      await setPasswordHash(tx, caller.account.userId, passwordHash);
      if (body.signOutOtherDevices)
        await revokeOtherSessions(tx, caller.account.userId, caller.session.deviceId);
    });
    return reply.code(204).send();
  });

  app.get('/api/users', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    // The directory work is allocated from: a production server leaves demo people out.
    const isDemoLeftOut = ctx.config.mode === 'production';
    return (await listAccounts(db, { isDemoLeftOut })).map(toPrincipal);
  });

  app.get('/api/devices', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    const query = parseOrReply(deviceQuerySchema, request.query, reply, 'address');
    if (!query) return reply;
    const userId = query.userId ?? caller.account.userId;
    if (userId !== caller.account.userId && !isAdministrator(caller.account)) {
      return sendProblem(reply, 403, 'forbidden', "Only an administrator can see other people's devices.");
    }
    const sessions = await listSessions(db, userId);
    return sessions.map(({ userId: _owner, ...session }) => ({
      ...session,
      isCurrent: session.deviceId === caller.session.deviceId,
    }));
  });

  app.post('/api/devices/:id/revoke', async (request, reply) => {
    const caller = await signedIn(request, reply);
    if (!caller) return reply;
    const params = parseOrReply(deviceParamsSchema, request.params, reply, 'address');
    if (!params) return reply;
    const session = await findSession(db, params.id);
    if (!session || !mayManage(caller, session.userId)) {
      return sendProblem(reply, 404, 'not_found', 'There is no such device on your account.');
    }
    await revokeSession(db, session.deviceId);
    return reply.code(204).send();
  });
}

/** 429 with when to try again: after the window, or shortly when only the queue was too long. */
function refuseAttempt(reply: FastifyReply, refusal: Attempt & { isAllowed: false }, tooMany: string) {
  reply.header('retry-after', String(refusal.retryAfter));
  const message = refusal.isBusy
    ? 'Too many sign-ins are being checked at once. Try again in a few seconds.'
    : `${tooMany} Try again in ${minutes(refusal.retryAfter)}.`;
  return sendProblem(reply, 429, 'too_many_attempts', message);
}

const minutes = (seconds: number) => {
  const count = Math.ceil(seconds / 60);
  return `${count} minute${count === 1 ? '' : 's'}`;
};

function mayManage(caller: Caller, ownerId: string): boolean {
  return caller.account.userId === ownerId || isAdministrator(caller.account);
}

/** "Chrome on Android"-style name from the browser's User-Agent, when the device gave none. */
export function describeDevice(request: FastifyRequest): string {
  const agent = request.headers['user-agent'] ?? '';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Chrome\//.test(agent)
      ? 'Chrome'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'A browser';
  const system = /Android/.test(agent)
    ? 'Android'
    : /iPad|iPhone/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : '';
  return system ? `${browser} on ${system}` : browser;
}
