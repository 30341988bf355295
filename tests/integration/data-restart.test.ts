// The server goes down in the middle of a push: the events were committed but the answer never
// reached the device. The device retries against the restarted server; nothing is lost and
// nothing is stored twice. Real server in-process on one PGlite database kept across restarts.
import { afterAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../sync-server/testing/databases';
import { caseLogged, startTestServer, type TestServer } from '../../sync-server/testing/server';
import { eventually, newDevice } from './dataDevices';

const pglite = databasesUnderTest()[0]!;
/** The address the device believes the server has; the transport maps it to the live one. */
const STABLE_URL = 'http://clearway.test';

describe('a server restart in the middle of a push', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
  });

  it('loses nothing and stores nothing twice', async () => {
    const db = await pglite.open();
    let current: TestServer | null = await startTestServer(pglite, { db });
    servers.push(current);
    let pushesCut = 0;
    let pushesSeen = 0;

    // Stands in for the network: forwards to whichever server is running, and on the first push
    // lets the server commit, then takes it down before the answer gets back.
    const transport: typeof fetch = async (input, init) => {
      const live = current;
      if (!live) throw new TypeError('fetch failed (connection refused)');
      const url = String(input).replace(STABLE_URL, live.url);
      const response = await fetch(url, init);
      if (url.includes('/events/push')) {
        pushesSeen += 1;
        if (pushesCut === 0) {
          pushesCut += 1;
          await response.arrayBuffer();
          current = null;
          await live.app.close();
          setTimeout(async () => {
            const restarted = await startTestServer(pglite, { db });
            servers.push(restarted);
            current = restarted;
          }, 300);
          throw new TypeError('fetch failed (socket hang up)');
        }
      }
      return response;
    };

    const device = newDevice(STABLE_URL, 'sam-laptop', { isOnline: true }, transport);
    try {
      await device.client.signIn('caseworker', 'demo');
      const deviceId = device.client.session$.getValue().deviceId ?? '';
      const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
      const sent = [await device.client.sendEvent(logged.stream, 'case.logged', logged.payload)];
      for (const n of [1, 2, 3, 4]) {
        sent.push(
          await device.client.sendEvent(logged.stream, 'note.added', {
            noteId: `note-${n}`,
            text: `Note ${n}`,
          }),
        );
      }

      const timeline = await eventually(
        'every event to be accepted and the outbox to empty after the restart',
        async () => {
          const doc = await device.client.database?.cases.findOne(logged.stream).exec();
          const left = await device.client.database?.outbox.count().exec();
          return doc && doc.timeline.length === sent.length && left === 0 ? doc.timeline : undefined;
        },
        60_000,
      );
      expect(pushesCut).toBe(1);
      expect(pushesSeen).toBeGreaterThan(1); // the device did send again
      expect(timeline.map((t) => t.eventId)).toEqual(sent);

      const rows = await db.query<{ id: string; status: string }>(
        'select id, status from events where stream_id = $1 order by seq',
        [logged.stream],
      );
      expect(rows.map((r) => r.id)).toEqual(sent);
      expect(rows.every((r) => r.status === 'accepted')).toBe(true);
    } finally {
      await device.client.close();
    }
  });
});
