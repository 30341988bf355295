// POST /api/admin/digests/send: an administrator sends everyone's chase digest now (outside
// the weekly round, which it does not count as sent). Answers { sent: n }.
import type { FastifyInstance } from 'fastify';
import { isAdministrator } from '../accounts/users';
import { authenticate } from '../http/authenticate';
import type { ServerContext } from '../http/context';
import { sendProblem } from '../http/problems';
import type { Mailer } from './mailer';
import { sendChaseDigests } from './sendChaseDigests';

export function registerDigestRoutes(app: FastifyInstance, ctx: ServerContext, mailer: Mailer | undefined) {
  app.post('/api/admin/digests/send', async (request, reply) => {
    const caller = await authenticate(ctx.db, request, reply);
    if (!caller) return reply;
    if (!isAdministrator(caller.account)) {
      return sendProblem(reply, 403, 'forbidden', 'Only an administrator can send the chase digests.');
    }
    if (!mailer) {
      return sendProblem(
        reply,
        503,
        'mail_not_set_up',
        'This server does not send e-mail: SMTP_URL is not set. Ask whoever runs it to set it.',
      );
    }
    return sendChaseDigests(ctx.db, mailer, ctx.now());
  });
}
