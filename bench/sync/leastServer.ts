// The least any HTTP push server can do, for bench/sync/server.ts: take the pushed events over
// HTTP, number them, chain their hashes and insert them as rows, with no checks (no sign-in, no
// validation, no judging, no documents, no access rows). Its rate on the same machine, beside the
// raw insert, is the ceiling an HTTP server of this log can reach here: what it leaves out, the
// real server must do on the same two cores.

import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import type pg from 'pg';
import type { EventEnvelope } from '../../src/domain/events/envelope';

/** A push row as the devices send it (RxDB's), read without checking: the least server trusts it. */
type PushedRow = { newDocumentState: EventEnvelope };

/** Starts the server on a free port; it inserts into `table` (shaped like `events`) through `pool`. */
export async function startLeastServer(pool: pg.Pool, table: string) {
  let seq = 0;
  let prevHash = '';
  const app = Fastify({ bodyLimit: 100 * 1024 * 1024 });
  app.post('/api/replication/events/push', async (request) => {
    const acceptedAt = new Date().toISOString();
    const rows = (request.body as PushedRow[]).map(({ newDocumentState: e }) => {
      seq += 1;
      const hash = createHash('sha256').update(prevHash).update(JSON.stringify(e)).digest('hex');
      const row = {
        id: e.id,
        stream_id: e.stream,
        type: e.type,
        actor: e.actor,
        device_id: e.deviceId,
        made_at: e.madeAt,
        payload: e.payload,
        status: 'accepted',
        seq,
        accepted_at: acceptedAt,
        prev_hash: prevHash,
        hash,
        pushed_by_user: e.actor,
        pushed_by_device: e.deviceId,
        change_no: seq,
      };
      prevHash = hash;
      return row;
    });
    await pool.query(
      `insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
    return [];
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The least server has no port.');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
