// bench:sync (server figures): accepted events per second through the real server on
// PostgreSQL with 20 concurrent clients pushing, beside the same rows inserted straight into
// PostgreSQL by 20 concurrent connections, measured in the same run. Aim (issue 3): above
// 5,000 events/s on a 2-core machine and at least half the raw rate. Beside them, the ceiling:
// the same pushes to an HTTP server that does only the least (leastServer.ts), which says how
// much of the raw rate any HTTP server of this log can reach on the same machine; and the same
// workload on several server processes (BENCH_PROCESSES, default 2: one per core).
//   npm run bench:sync  (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local `test` database)

import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { seedDemoPeople } from '../../sync-server/accounts/demo';
import { openDatabase } from '../../sync-server/storage/database';
import { migrate } from '../../sync-server/storage/migrate';
import { freshSchemaName } from '../../sync-server/testing/databases';
import { caseLogged, push, startTestServer } from '../../sync-server/testing/server';
import { busyOutboxes } from './busyOutboxes';
import { pushFromDevices } from './devicesProcess';
import { startLeastServer } from './leastServer';
import { measureServerProcesses } from './serverProcesses';

const CLIENTS = 20;
const PUSHES_PER_CLIENT = Number(process.env.BENCH_PUSHES ?? 10);
const EVENTS_PER_PUSH = Number(process.env.BENCH_BATCH ?? 100);
/** Server processes for the second figure: one per core of this machine, as the server is run. */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 2);
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
  // Timed: each push is a busy outbox (busyOutboxes.ts).
  const outboxes = clients.map((who, c) =>
    busyOutboxes(who, ownCases[c]!, PUSHES_PER_CLIENT, EVENTS_PER_PUSH),
  );
  const total = CLIENTS * PUSHES_PER_CLIENT * EVENTS_PER_PUSH;
  const devicesAt = (at: string) =>
    clients.map((who, c) => ({ url: at, token: who.token, bodies: outboxes[c]! }));
  // Counted from here: the server's work, not the making of the devices' outboxes.
  const cpuBefore = process.cpuUsage();
  const done = await pushFromDevices(devicesAt(server.url));
  const cpu = process.cpuUsage(cpuBefore);
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

  // The ceiling: the same outboxes pushed to a server that only numbers, chains and inserts.
  await db.query('create table events_least (like events including all)');
  const least = await startLeastServer(pool, 'events_least');
  const leastDone = await pushFromDevices(devicesAt(least.url)).finally(() => least.close());
  const [{ stored }] = (await db.query<{ stored: number }>(
    'select count(*)::int as stored from events_least',
  )) as [{ stored: number }];
  if (stored !== total) throw new Error(`the least server stored ${stored} of ${total} events`);

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
  const leastRate = total / (leastDone.ms / 1000);
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
  console.log(
    `  ceiling: an HTTP server that only numbers, chains and inserts the same pushes: ${leastRate.toFixed(0)} events per second, ${(leastRate / rawRate).toFixed(2)} of raw; the server is at ${(serverRate / leastRate).toFixed(2)} of it`,
  );
  if (PROCESSES > 1) {
    // The one-process server is idle from here; it stops with the bench.
    const { rate } = await measureServerProcesses(url, PROCESSES, {
      clients: CLIENTS,
      pushes: PUSHES_PER_CLIENT,
      eventsPerPush: EVENTS_PER_PUSH,
    });
    console.log(
      `  ${PROCESSES} server processes on the one PostgreSQL, the same devices shared between them: ${rate.toFixed(0)} events per second, ${(rate / rawRate).toFixed(2)} of raw`,
    );
  }
} finally {
  await server.close();
  await db.close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
}
