// An administrator's account work: list everyone who may sign in, add a person with their
// roles, teams and first password, reset a forgotten password (signing out the person's
// devices when asked to), and remove a person's organisation sign-in link (each recorded in the log). Roles
// and teams change through PATCH /api/admin/people/:userId (peopleRoutes.ts); devices through
// /api/devices.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT } from '../../src/domain/events/storableText';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../src/domain/passwordRule';
import { roleSchema } from '../../src/domain/principal';
import { activeDevicesByPerson, revokeOtherSessions } from '../accounts/sessions';
import { findAccount, isAdministrator, listAccounts, toPrincipal } from '../accounts/users';
import {
  addPerson,
  ChangeRefused,
  resetPassword,
  unlinkOrganisationSignIn,
} from '../replication/personAccess';
import { authenticate, type Caller, pusherOf } from './authenticate';
import type { ServerContext } from './context';
import { parseOrReply, sendProblem } from './problems';

/** The same rule as for the first administrator: long enough to resist guessing offline. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(
    MAX_PASSWORD_LENGTH,
    `a password can have at most ${MAX_PASSWORD_LENGTH.toLocaleString('en-GB')} characters`,
  );

const newAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2, 'a username needs at least 2 characters')
    .max(80)
    // '@' so that an organisation username (Entra ID's UPN, name@dept.gov.uk) can be one.
    .regex(/^[A-Za-z0-9._@-]+$/, 'a username may use only letters, digits, dots, dashes, underscores and @'),
  displayName: z
    .string()
    .trim()
    .min(1, 'enter the person’s name')
    .max(200)
    .refine(isStorableText, UNSTORABLE_TEXT),
  roles: z.array(roleSchema).min(1, 'a person needs at least one role').max(10),
  teamIds: z
    .array(z.string().trim().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT))
    .max(50)
    .default([]),
  password: newPasswordSchema,
});
const resetSchema = z.object({
  password: newPasswordSchema,
  /** Someone else may know the password: sign out all the person's devices (they wipe). */
  signOutDevices: z.boolean().optional(),
});
const paramsSchema = z.object({ userId: z.string().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT) });

export function registerAccountAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx;

  const administrator = async (request: FastifyRequest, reply: FastifyReply): Promise<Caller | undefined> => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return undefined;
    if (!isAdministrator(caller.account)) {
      sendProblem(reply, 403, 'forbidden', 'Only an administrator can manage accounts.');
      return undefined;
    }
    return caller;
  };

  app.get('/api/admin/accounts', async (request, reply) => {
    if (!(await administrator(request, reply))) return reply;
    const [accounts, devices] = await Promise.all([listAccounts(db), activeDevicesByPerson(db)]);
    return accounts.map((account) => ({
      ...toPrincipal(account),
      username: account.username,
      isDemo: account.isDemo,
      hasOrganisationSignInLink: account.oidcIdentity !== null,
      activeDevices: devices.get(account.userId)?.count ?? 0,
      lastSeenAt: devices.get(account.userId)?.lastSeenAt ?? null,
    }));
  });

  app.post('/api/admin/accounts', async (request, reply) => {
    const caller = await administrator(request, reply);
    if (!caller) return reply;
    const body = parseOrReply(newAccountSchema, request.body, reply, 'new account');
    if (!body) return reply;
    // Access to existing cases follows the new roles and teams exactly as for a later change,
    // and the roles given go into the audit log with the administrator who gave them.
    let created: Awaited<ReturnType<typeof addPerson>>;
    try {
      created = await addPerson(db, body, pusherOf(caller), ctx.now());
    } catch (error) {
      // The log refused the record of the roles given (no longer an administrator): nothing stayed.
      if (error instanceof ChangeRefused)
        return sendProblem(reply, 403, 'forbidden', 'Only an administrator can add people.');
      throw error;
    }
    if (!created) {
      return sendProblem(reply, 409, 'username_taken', `The username ${body.username} is already in use.`);
    }
    return reply.code(201).send({ ...toPrincipal(created), username: created.username });
  });

  app.put('/api/admin/accounts/:userId/password', async (request, reply) => {
    const caller = await administrator(request, reply);
    if (!caller) return reply;
    const params = parseOrReply(paramsSchema, request.params, reply, 'address');
    if (!params) return reply;
    const body = parseOrReply(resetSchema, request.body, reply, 'new password');
    if (!body) return reply;
    // Recorded in the log with the administrator who did it.
    if (!(await resetPassword(db, params.userId, body.password, pusherOf(caller), ctx.now()))) {
      return sendProblem(reply, 404, 'not_found', 'There is no such person.');
    }
    // A forgotten password is not a stolen one: the person's devices stay signed in (their unsent
    // changes with them) unless the administrator says someone else may know it. Then every
    // device of the person is signed out (each wipes at its next call), but the administrator's
    // own, should they reset their own.
    if (body.signOutDevices) await revokeOtherSessions(db, params.userId, caller.session.deviceId);
    // Their earlier wrong guesses must not keep them out with the password they were just given.
    const account = await findAccount(db, params.userId);
    if (account) await ctx.limiter.recordSuccess(account.username);
    return reply.code(204).send();
  });

  app.delete('/api/admin/accounts/:userId/organisation-sign-in', async (request, reply) => {
    const caller = await administrator(request, reply);
    if (!caller) return reply;
    const params = parseOrReply(paramsSchema, request.params, reply, 'address');
    if (!params) return reply;
    // Their next organisation sign-in links the account afresh by username; recorded in the log.
    try {
      // Nothing linked is nothing to remove: the same answer, and nothing recorded.
      if (
        (await unlinkOrganisationSignIn(db, params.userId, pusherOf(caller), ctx.now())) === 'no_such_person'
      ) {
        return sendProblem(reply, 404, 'not_found', 'There is no such person.');
      }
    } catch (error) {
      if (error instanceof ChangeRefused)
        return sendProblem(reply, 403, 'forbidden', 'Only an administrator can remove sign-in links.');
      throw error;
    }
    return reply.code(204).send();
  });
}
