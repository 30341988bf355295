// The outbox drains even when the server's answer to a push comes back after the events pull
// has already brought back its verdict (accepted, or refused). This is what a reload does to a
// request logged offline: the old page's last try reached the server but its answer was lost,
// and the new page pushes again while its first pull already holds the verdict. RxDB leaves a
// pulled state alone for a row it has no record of having pushed, and its checkpoint moves past.
// Real server in-process (PGlite), the real data layer on fake IndexedDB.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { caseLogged } from '../../sync-server/testing/server';
import { eventually, serverForSuite } from '../../tests/integration/dataDevices';
import { type ClearwayClient, createClearwayClient } from './client';
import { storageProblem } from './replication';

type Verdict = 'accepted' | 'rejected';
type Outbox = NonNullable<ClearwayClient['database']>['outbox'];
type Reloaded = { outbox: Outbox; eventId: string; close: () => Promise<void> };

describe('the outbox after a push whose answer comes late', () => {
  const suiteServer = serverForSuite();

  /**
   * A first page pushes one event and loses the answer; the reloaded page pushes it again and
   * gets that answer only after its first pull (which already holds the verdict) is written.
   */
  async function reloadWithLateAnswer(verdict: Verdict): Promise<Reloaded> {
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
    // A note on a case the server has never heard of is refused.
    const eventId =
      verdict === 'accepted'
        ? await first.sendEvent(logged.stream, 'case.logged', logged.payload)
        : await first.sendEvent(logged.stream, 'note.added', { noteId: 'n1', text: 'Called them.' });
    await eventually(`the server to store the event ${verdict}`, async () => {
      const rows = await suiteServer().db.query<{ status: string }>(
        'select status from events where id = $1',
        [eventId],
      );
      return rows[0]?.status === verdict || undefined;
    });
    await first.close();

    let pulledVerdict = false;
    let second: ClearwayClient | undefined;
    const lateAnswers: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = String(input);
      if (url.includes('/events/pull')) {
        const body = (await response.clone().json()) as { documents: { id: string; status: string }[] };
        if (body.documents.some((d) => d.id === eventId && d.status === verdict)) pulledVerdict = true;
      }
      if (url.includes('/events/push')) {
        await eventually('the pull to bring the verdict', () => pulledVerdict || undefined);
        // Answer once RxDB has written that pull (its downstream is idle again).
        const down = second?.sync?.outbox.internalReplicationState?.events.active.down;
        await eventually('the pulled page to be written', () => down?.getValue() === false || undefined);
      }
      return response;
    };
    second = device(lateAnswers);
    await second.start();
    const outbox = second.database?.outbox;
    if (!outbox) throw new Error('The reloaded device has no database.');
    await eventually('the event to be no longer pending', async () =>
      (await outbox.count({ selector: { status: 'pending' } }).exec()) === 0 ? true : undefined,
    );
    // The race this test is about did happen: the pull brought the verdict before the answer.
    expect(pulledVerdict).toBe(true);
    await second.sync?.awaitInSync();
    expect(second.sync?.status$.getValue().pendingCount).toBe(0);
    const reloaded = second;
    return { outbox, eventId, close: () => reloaded.close() };
  }

  it('drops an accepted event that the pull returned before the push was answered', async () => {
    const { outbox, eventId, close } = await reloadWithLateAnswer('accepted');
    try {
      expect(await outbox.findOne(eventId).exec()).toBeNull();
    } finally {
      await close();
    }
  });

  it('marks a refused event that the pull returned before the push was answered', async () => {
    const { outbox, eventId, close } = await reloadWithLateAnswer('rejected');
    try {
      const row = await outbox.findOne(eventId).exec();
      expect(row?.status).toBe('rejected');
      expect(row?.reason).toBeTruthy();
    } finally {
      await close();
    }
  });
});

describe('a pulled page the device cannot store', () => {
  it('is put in words for the status bar, a full disk apart from other failures', () => {
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageProblem(full)).toMatch(/out of storage space/);
    expect(storageProblem(new Error('Transaction aborted'))).toMatch(/could not save the latest changes/);
  });
});
