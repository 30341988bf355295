// bench:sync (server figures): accepted events per second through the real server on
// PostgreSQL with 20 concurrent clients pushing, beside the same rows inserted straight into
// PostgreSQL by 20 concurrent connections, measured in the same run. Aim (issue 3): above
// 5,000 events/s on a 2-core machine and at least half the raw rate.
//   npm run bench:sync  (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local `test` database)

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedDemoPeople } from '../../sync-server/accounts/demo';
import { openDatabase } from '../../sync-server/storage/database';
import { migrate } from '../../sync-server/storage/migrate';
import { freshSchemaName } from '../../sync-server/testing/databases';
import { caseLogged, eventOn, outboxRow, push, startTestServer } from '../../sync-server/testing/server';
import type { PushingDevices, PushingDevicesDone } from './pushingDevices';

const CLIENTS = 20;
const PUSHES_PER_CLIENT = Number(process.env.BENCH_PUSHES ?? 10);
const EVENTS_PER_PUSH = Number(process.env.BENCH_BATCH ?? 100);
const url =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/test';

const schema = freshSchemaName();
const db = await openDatabase({ kind: 'postgres', url, schema, maxConnections: CLIENTS + 2 });
await migrate(db);
await seedDemoPeople(db);
const server = await startTestServer({ name: 'postgres', url, open: async () => db }, { db });

try {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => server.signIn('caseworker')));
  // Not timed: each client (a case worker's device) has a case it works on.
  const ownCases = await Promise.all(
    clients.map(async (who) => {
      const logged = caseLogged(who);
      const response = await push(server, who, [logged]);
      if (response.status !== 200) throw new Error(`setup push refused: ${response.status}`);
      return logged.stream;
    }),
  );
  // Timed: each push is a busy outbox — a newly logged case, and notes on the case in hand.
  const batches = clients.map((who, c) =>
    Array.from({ length: PUSHES_PER_CLIENT }, (_, p) => [
      caseLogged(who),
      ...Array.from({ length: EVENTS_PER_PUSH - 1 }, (_, i) =>
        eventOn(who, ownCases[c]!, 'note.added', {
          noteId: `p${p}n${i}`,
          text: `Chased the policy team (${i}).`,
        }),
      ),
    ]),
  );
  const total = CLIENTS * PUSHES_PER_CLIENT * EVENTS_PER_PUSH;

  // The devices push from a process of their own; their outboxes are serialised before the clock.
  const devices = fork(fileURLToPath(new URL('./pushingDevices.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  const answered = once(devices, 'message') as Promise<[PushingDevicesDone]>;
  const message = {
    url: server.url,
    devices: clients.map((who, c) => ({
      token: who.token,
      bodies: batches[c]!.map((batch) => JSON.stringify(batch.map(outboxRow))),
    })),
  } satisfies PushingDevices;
  // Counted from here: the server's work, not the making of the devices' outboxes.
  const cpuBefore = process.cpuUsage();
  devices.send(message);
  const [done] = await answered;
  const cpu = process.cpuUsage(cpuBefore);
  if ('error' in done) throw new Error(done.error);
  const serverSeconds = done.ms / 1000;
  const [{ accepted, rejected }] = (await db.query<{ accepted: number; rejected: number }>(
    `select count(*) filter (where status = 'accepted')::int as accepted, count(*) filter (where status = 'rejected')::int as rejected from events`,
  )) as [{ accepted: number; rejected: number }];
  // The setup cases (one per client) were accepted before the clock started.
  if (accepted !== total + CLIENTS) {
    throw new Error(`expected ${total + CLIENTS} accepted events, got ${accepted} (${rejected} rejected)`);
  }

  // Baseline: the very rows the server stored, inserted straight into a copy of the table by
  // 20 concurrent connections in the same batch sizes (no HTTP, no judging, no documents).
  const rows = await db.query('select * from events where seq > $1 order by change_no', [CLIENTS]);
  await db.query('create table events_raw (like events including all)');
  const chunks: unknown[][] = [];
  for (let i = 0; i < rows.length; i += EVENTS_PER_PUSH) chunks.push(rows.slice(i, i + EVENTS_PER_PUSH));
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS, options: `-c search_path=${schema}` });
  const rawStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        await pool.query(
          `insert into events_raw select * from jsonb_populate_recordset(null::events_raw, $1::jsonb)`,
          [JSON.stringify(chunk)],
        );
      }
    }),
  );
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await pool.end();

  const serverRate = total / serverSeconds;
  const rawRate = rows.length / rawSeconds;
  console.log(`Server on PostgreSQL, ${CLIENTS} concurrent clients, ${EVENTS_PER_PUSH} events a push:`);
  console.log(
    `  accepted events per second (HTTP push, judged, chained, documents and access updated): ${serverRate.toFixed(0)}`,
  );
  console.log(
    `  baseline: the same ${rows.length} rows inserted straight into PostgreSQL: ${rawRate.toFixed(0)} rows per second`,
  );
  // Handing the outboxes to the devices' process is still counted here: a slight overstatement.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `  the server's Node CPU while pushing: ${((cpuMs / total) * 1000).toFixed(0)} ms per 1,000 events, ${((cpuMs / (serverSeconds * 1000)) * 100).toFixed(0)}% of one core`,
  );
  console.log(
    `  ratio server / raw: ${(serverRate / rawRate).toFixed(2)} (aim: above 5,000 events/s and at least 0.5)`,
  );
} finally {
  await server.close();
  await db.close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
}
