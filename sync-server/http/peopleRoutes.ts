// PATCH /api/admin/people/:userId `{roles?, teamIds?}`: an administrator changes what a person
// does and which teams they are in. What the person may see follows at once (personAccess.ts):
// their next pull brings the cases they may now see and deletes the ones they may no longer see.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT } from '../../src/domain/events/storableText';
import { roleSchema } from '../../src/domain/principal';
import { isAdministrator, toPrincipal } from '../accounts/users';
import { changePerson } from '../replication/personAccess';
import { authenticate, pusherOf } from './authenticate';
import type { ServerContext } from './context';
import { parseOrReply, sendProblem } from './problems';

const paramsSchema = z.object({ userId: z.string().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT) });
const changeSchema = z
  .object({
    roles: z.array(roleSchema).min(1, 'a person needs at least one role').max(10).optional(),
    teamIds: z
      .array(z.string().trim().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT))
      .max(50)
      .optional(),
  })
  .refine((c) => c.roles !== undefined || c.teamIds !== undefined, 'say which roles or teams to give');

export function registerPeopleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.patch('/api/admin/people/:userId', async (request, reply) => {
    const caller = await authenticate(ctx.db, request, reply);
    if (!caller) return reply;
    if (!isAdministrator(caller.account)) {
      return sendProblem(
        reply,
        403,
        'forbidden',
        "Only an administrator can change people's roles and teams.",
      );
    }
    const params = parseOrReply(paramsSchema, request.params, reply, 'address');
    if (!params) return reply;
    const change = parseOrReply(changeSchema, request.body, reply, 'change to this person');
    if (!change) return reply;
    const by = pusherOf(caller);
    const account = await changePerson(ctx.db, params.userId, change, by, ctx.now());
    if (!account) return sendProblem(reply, 404, 'not_found', 'There is no such person.');
    return toPrincipal(account);
  });
}
