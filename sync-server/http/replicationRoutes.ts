// RxDB's replication protocol over HTTP: push the outbox, pull the outbox back, pull stream
// documents per collection, and one Server-Sent Events stream that says when to pull again.
// Beside it, for a new device's first sync: the cases in the caller's My work, pulled first.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personKeys } from '../../src/domain';
import { eventEnvelopeSchema } from '../../src/domain/events/envelope';
import { collectionNameSchema } from '../../src/domain/streamDocument';
import { findSession } from '../accounts/sessions';
import { decidedEventsOf } from '../replication/decidedEvents';
import { appendEvents } from '../replication/eventStore';
import { parseEvent } from '../replication/judge';
import {
  checkpointSchema,
  MAX_BATCH,
  myWorkCheckpointSchema,
  pullDocumentsJson,
  pullMyWorkJson,
  pullOutbox,
} from '../replication/pull';
import { authenticate, DEVICE_REVOKED, pusherOf } from './authenticate';
import type { ServerContext } from './context';
import { parseOrReply, sendProblem } from './problems';

export const HEARTBEAT_MS = 15_000;
const MAX_PUSH_ROWS = 1_000;

const pushSchema = z
  .array(
    z.object({
      assumedMasterState: z.unknown().nullable().optional(),
      newDocumentState: z.record(z.string(), z.unknown()),
    }),
  )
  .max(MAX_PUSH_ROWS, `send at most ${MAX_PUSH_ROWS} events at a time`);

/** A pull's query: a checkpoint of this shape as JSON (or nothing, to start), and a page size. */
function pullQuerySchemaOf<C>(checkpoint: z.ZodType<C>) {
  return z.object({
    checkpoint: z
      .string()
      .optional()
      .transform((text, zctx): C | null => {
        if (!text || text === 'null' || text === 'undefined') return null;
        try {
          const parsed = checkpoint.safeParse(JSON.parse(text));
          if (parsed.success) return parsed.data;
        } catch {}
        zctx.addIssue({ code: 'custom', message: 'must be a checkpoint this server gave, as JSON' });
        return z.NEVER;
      }),
    batchSize: z.coerce.number().int().min(1).max(MAX_BATCH).default(100),
  });
}

const pullQuerySchema = pullQuerySchemaOf(checkpointSchema);
const myWorkQuerySchema = pullQuerySchemaOf(myWorkCheckpointSchema);

const collectionParamsSchema = z.object({ collection: collectionNameSchema });

export function registerReplicationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, feed } = ctx;

  app.post('/api/replication/events/push', async (request, reply) => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    const rows = parseOrReply(pushSchema, request.body, reply, 'list of changes');
    if (!rows) return reply;
    // Judge the whole batch's shape first: a bad row refuses the push and stores nothing.
    const events = [];
    for (const [index, row] of rows.entries()) {
      // Parsed once (the envelope is parsed again only to say what is wrong with a bad one).
      const parsed = parseEvent(row.newDocumentState);
      if (parsed.ok) {
        events.push(parsed.event);
        continue;
      }
      const envelope = eventEnvelopeSchema.safeParse(row.newDocumentState);
      if (!envelope.success) {
        const issue = envelope.error.issues[0];
        return sendProblem(
          reply,
          400,
          'invalid_event',
          `Change ${index + 1} is not a valid event${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`,
        );
      }
      return sendProblem(reply, 422, 'invalid_event', `Change ${index + 1} cannot be used: ${parsed.reason}`);
    }
    const pusher = pusherOf(caller);
    const result = await appendEvents(db, pusher, events, {
      now: ctx.now,
      // Demo people a demo left behind cannot sign in here, so they cannot be given work.
      isDemoLeftOut: ctx.config.mode === 'production',
      // Every stream is pulled whole by everyone who sees it: no one may grow one without end.
      maxStreamChars: ctx.config.maxStreamChars,
    });
    // Outcomes (accepted, rejected with reasons) come back through the outbox pull; those of
    // events the log already held, with the push, as conflicts (decidedEvents.ts).
    return decidedEventsOf(db, caller.account.userId, result.duplicates);
  });

  app.get('/api/replication/events/pull', async (request, reply) => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    const query = parseOrReply(pullQuerySchema, request.query, reply, 'pull request');
    if (!query) return reply;
    return pullOutbox(db, caller.session.deviceId, query.checkpoint, query.batchSize);
  });

  app.get('/api/replication/:collection/pull', async (request, reply) => {
    const params = collectionParamsSchema.safeParse(request.params);
    if (!params.success) return sendProblem(reply, 404, 'not_found', 'There is no such collection to pull.');
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    const query = parseOrReply(pullQuerySchema, request.query, reply, 'pull request');
    if (!query) return reply;
    const page = await pullDocumentsJson(
      db,
      caller.account.userId,
      params.data.collection,
      query.checkpoint,
      query.batchSize,
    );
    return reply.type('application/json; charset=utf-8').send(page);
  });

  // A new device's first sync fetches these first, to show My work before the full pull ends.
  app.get('/api/replication/cases/my-work', async (request, reply) => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    const query = parseOrReply(myWorkQuerySchema, request.query, reply, 'request for your work');
    if (!query) return reply;
    const page = await pullMyWorkJson(
      db,
      caller.account.userId,
      // The person's teams as they are now, as the full pull's access rows are.
      personKeys(caller.account),
      query.checkpoint,
      query.batchSize,
    );
    return reply.type('application/json; charset=utf-8').send(page);
  });

  app.get('/api/replication/events/stream', async (request, reply) => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    // Whatever happened while this device was away, it re-pulls from its checkpoints.
    send('RESYNC');
    const unsubscribe = feed.subscribe(caller.account.userId, (notice) => {
      for (const collection of notice.collections) send({ collection, checkpoint: { seq: notice.change } });
      if (notice.pusherId === caller.account.userId)
        send({ collection: 'events', checkpoint: { seq: notice.change } });
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
    };
    // Revoked (on any process): say why, then close. The device's next call is answered 401
    // device_revoked, which is what makes it wipe.
    const revoke = () => {
      end();
      res.end(`event: revoked\ndata: ${JSON.stringify(DEVICE_REVOKED)}\n\n`);
    };
    const unwatch = feed.watchDevice(caller.session.deviceId, revoke);
    request.raw.on('close', end);
    res.on('error', end);
    // Revoked between the sign-in check above and the watch: the notice has gone by, so look.
    if ((await findSession(db, caller.session.deviceId))?.revokedAt) revoke();
  });
}
