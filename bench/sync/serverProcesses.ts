// bench:sync's second figure: the same workload pushed to several server processes on one
// PostgreSQL (README, "Several server processes"), the devices shared between them as a load
// balancer would, on a schema of their own. One process per core is how the server is run.
import pg from 'pg';
import { signInAt, startServerProcesses } from '../../sync-server/testing/processes';
import { caseLogged, outboxRow } from '../../sync-server/testing/server';
import { busyOutboxes } from './busyOutboxes';
import { pushFromDevices } from './devicesProcess';

export async function measureServerProcesses(
  url: string,
  count: number,
  workload: { clients: number; pushes: number; eventsPerPush: number },
): Promise<{ rate: number }> {
  const processes = await startServerProcesses(url, count);
  try {
    const devices = await Promise.all(
      Array.from({ length: workload.clients }, async (_, c) => {
        const at = processes.urls[c % count]!;
        const who = await signInAt(at, 'caseworker');
        // Not timed: the case in hand.
        const logged = caseLogged(who);
        const response = await fetch(`${at}/api/replication/events/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
          body: JSON.stringify([outboxRow(logged)]),
        });
        if (response.status !== 200) throw new Error(`setup push refused: ${response.status}`);
        return {
          url: at,
          token: who.token,
          bodies: busyOutboxes(who, logged.stream, workload.pushes, workload.eventsPerPush),
        };
      }),
    );
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${processes.schema}` });
    await client.connect();
    const accepted = async () =>
      (await client.query<{ n: number }>(`select count(*)::int as n from events where status = 'accepted'`))
        .rows[0]?.n ?? 0;
    try {
      // The demo's own cases and the setup cases were accepted before the clock started.
      const before = await accepted();
      const done = await pushFromDevices(devices);
      const total = workload.clients * workload.pushes * workload.eventsPerPush;
      const added = (await accepted()) - before;
      if (added !== total) throw new Error(`expected ${total} accepted events, got ${added}`);
      return { rate: total / (done.ms / 1000) };
    } finally {
      await client.end();
    }
  } finally {
    await processes.stop();
  }
}
