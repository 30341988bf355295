// The API's one error shape: `{ error: 'machine_code', message: 'A sentence a person understands.' }`,
// and zod parsing of request parts that answers 400 with such a sentence.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export type Problem = { error: string; message: string };

export function sendProblem(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error, message } satisfies Problem);
}

/** Parses `value`; on failure sends 400 and returns undefined. */
export function parseOrReply<S extends z.ZodType>(
  schema: S,
  value: unknown,
  reply: FastifyReply,
  what: string,
): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where =
    issue && issue.path.length > 0
      ? ` (${issue.path.join('.')}: ${issue.message})`
      : issue
        ? ` (${issue.message})`
        : '';
  sendProblem(reply, 400, 'invalid_request', `The ${what} is not valid${where}.`);
  return undefined;
}
