// The outbox drains even when the server's answer to a push comes back after the events pull
// has already brought that event back accepted. This is what a reload does to a request logged
// offline: the old page's last try reached the server but its answer was lost, and the new page
// pushes again while its first pull already sees the event accepted. RxDB leaves a pulled
// state alone for a row it has no record of having pushed, and its checkpoint moves past it.
// Real server in-process (PGlite), the real data layer on fake IndexedDB.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { caseLogged } from '../../sync-server/testing/server';
import { eventually, serverForSuite } from '../../tests/integration/dataDevices';
import { type ClearwayClient, createClearwayClient } from './client';

type Gate = { isOpen: boolean };

describe('the outbox after a push whose answer comes late', () => {
  const suiteServer = serverForSuite();

  it('drops an accepted event that the pull returned before the push was answered', async () => {
    const indexedDb = { indexedDB: new IDBFactory(), IDBKeyRange };
    const namespace = `late-answer-${crypto.randomUUID().slice(0, 8)}-`;
    const device = (transport: typeof fetch) =>
      createClearwayClient({
        baseUrl: suiteServer().url,
        indexedDb,
        isMultiInstance: false,
        isPrefetching: false,
        namespace,
        fetch: transport,
      });

    // First page: every push reaches the server, which stores it, but the answer is lost.
    const cutAnswers: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/events/push')) return response;
      await response.arrayBuffer();
      throw new TypeError('fetch failed (connection lost)');
    };
    const first = device(cutAnswers);
    await first.signIn('caseworker', 'demo');
    const deviceId = first.session$.getValue().deviceId ?? '';
    const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
    const eventId = await first.sendEvent(logged.stream, 'case.logged', logged.payload);
    await eventually('the server to accept the event', async () => {
      const rows = await suiteServer().db.query<{ status: string }>(
        'select status from events where id = $1',
        [eventId],
      );
      return rows[0]?.status === 'accepted' || undefined;
    });
    await first.close();

    // The reloaded page: its push is answered only once its first pull has been taken in.
    const pulledAccepted: Gate = { isOpen: false };
    let second: ClearwayClient | undefined;
    const lateAnswers: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = String(input);
      if (url.includes('/events/pull')) {
        const body = (await response.clone().json()) as { documents: { id: string; _deleted?: boolean }[] };
        if (body.documents.some((d) => d.id === eventId && d._deleted)) pulledAccepted.isOpen = true;
      }
      if (url.includes('/events/push')) {
        await eventually(
          'the pull to bring the event back accepted',
          () => pulledAccepted.isOpen || undefined,
        );
        // Answer once RxDB has written that pull (its downstream is idle again).
        const down = second?.sync?.replications.outbox.internalReplicationState?.events.active.down;
        await eventually('the pulled page to be written', () => down?.getValue() === false || undefined);
      }
      return response;
    };
    second = device(lateAnswers);
    try {
      await second.start();
      const outbox = second.database?.outbox;
      await eventually('the accepted event to leave the outbox', async () =>
        (await outbox?.count({ selector: { status: 'pending' } }).exec()) === 0 ? true : undefined,
      );
      expect(await outbox?.findOne(eventId).exec()).toBeNull();
      // The race this test is about did happen: the pull brought the event before the answer.
      expect(pulledAccepted.isOpen).toBe(true);
      await second.sync?.awaitInSync();
      expect(second.sync?.status$.getValue().pendingCount).toBe(0);
    } finally {
      await second.close();
    }
  });
});
