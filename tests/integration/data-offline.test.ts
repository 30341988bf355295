// Two people work on the same case, one of them offline; when both are back, both devices show
// the server's order, and the offline person's refused change is shown with its reason rather
// than lost. Real server in-process (PGlite), real data layer on fake IndexedDB.
import { describe, expect, it } from 'vitest';
import type { ClearwayClient } from '../../src/data';
import { RETRY_FIRST_MS } from '../../src/data/replication';
import { caseLogged, pullAll } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

async function timelineIds(client: ClearwayClient, stream: string): Promise<string[]> {
  const doc = await client.database?.cases.findOne(stream).exec();
  return doc ? doc.timeline.map((t) => t.eventId) : [];
}

describe('two people edit one case while one of them is offline', () => {
  const suiteServer = serverForSuite();

  it('converges both devices on the server order and shows the refused change with its reason', async () => {
    const sam = newDevice(suiteServer().url, 'sam-laptop');
    const tom = newDevice(suiteServer().url, 'tom-tablet');
    try {
      await sam.client.signIn('caseworker', 'demo');
      await tom.client.signIn('manager', 'demo');
      const samSession = sam.client.session$.getValue();
      const logged = caseLogged({ userId: 'caseworker', deviceId: samSession.deviceId ?? '', token: '' });
      const stream = logged.stream;
      await sam.client.sendEvent(stream, 'case.logged', logged.payload);
      await eventually(
        'Tom to receive the new case',
        async () => (await timelineIds(tom.client, stream)).length === 1,
      );

      // Tom loses his signal and keeps working.
      tom.network.isOnline = false;
      const tomNote = await tom.client.sendEvent(stream, 'note.added', {
        noteId: 'tom-1',
        text: 'Called the requester.',
      });
      const tomWithdraw = await tom.client.sendEvent(stream, 'case.withdrawn', {
        reason: 'Requester phoned to withdraw.',
      });
      const offlineView = await eventually('Tom to see his own changes on top', () =>
        firstValue(tom.client, stream),
      );
      expect(offlineView.pending.map((e) => e.id)).toEqual([tomNote, tomWithdraw]);
      expect(offlineView.caseDoc?.state.status).toBe('withdrawn');
      await eventually('Tom’s device to say it is offline', () =>
        tom.client.sync?.status$.getValue().state === 'offline' ? true : undefined,
      );
      expect(tom.client.sync?.status$.getValue().pendingCount).toBe(2);
      // Each failed try waits longer before the next (backoff), until the network is back.
      await eventually('the outbox to back off', () =>
        (tom.client.sync?.outbox.retryTime ?? 0) > RETRY_FIRST_MS ? true : undefined,
      );

      // Meanwhile Sam, online, adds a note and withdraws the case first.
      const samNote = await sam.client.sendEvent(stream, 'note.added', {
        noteId: 'sam-1',
        text: 'Chased the team.',
      });
      const samWithdraw = await sam.client.sendEvent(stream, 'case.withdrawn', {
        reason: 'Withdrawn by email.',
      });
      await eventually('Sam’s changes to be accepted', async () =>
        (await timelineIds(sam.client, stream)).length === 3 ? true : undefined,
      );

      // Tom is back online.
      tom.network.isOnline = true;
      tom.client.sync?.reSync();
      const serverOrder = await eventually(
        'both devices to hold the same timeline as the server',
        async () => {
          const { documents } = await pullAll(suiteServer(), await suiteServer().signIn('manager'), 'cases');
          const onServer = documents.find((d) => d.id === stream) as
            | { timeline: { eventId: string }[] }
            | undefined;
          const ids = onServer?.timeline.map((t) => t.eventId) ?? [];
          const [onSam, onTom] = [
            await timelineIds(sam.client, stream),
            await timelineIds(tom.client, stream),
          ];
          return ids.length === 4 && same(ids, onSam) && same(ids, onTom) ? ids : undefined;
        },
        60_000,
      );
      expect(serverOrder.slice(1)).toEqual([samNote, samWithdraw, tomNote]);

      // Tom's refused withdrawal is not lost: it is listed with the server's reason.
      const afterSync = await eventually(
        'Tom to see the refusal',
        async () => {
          const view = await firstValue(tom.client, stream);
          return view.rejected.length === 1 && view.pending.length === 0 ? view : undefined;
        },
        30_000,
      );
      expect(afterSync.rejected[0]?.id).toBe(tomWithdraw);
      expect(afterSync.rejected[0]?.reason).toMatch(/withdrawn/i);
      expect(afterSync.caseDoc?.timeline.map((t) => t.eventId)).toEqual(serverOrder);
      // And in the list of every refusal, which the status bar points to from any page.
      const refusals = await new Promise<string[]>((resolve) => {
        const sub = tom.client.rejected$().subscribe((rows) => {
          if (rows.length === 0) return;
          queueMicrotask(() => sub.unsubscribe());
          resolve(rows.map((row) => row.id));
        });
      });
      expect(refusals).toEqual([tomWithdraw]);

      // Once Tom has read it, it goes from his device and nothing more is sent.
      await tom.client.dismissRejected(tomWithdraw);
      const dismissed = await firstValue(tom.client, stream);
      expect(dismissed.rejected).toEqual([]);
      expect(await tom.client.database?.outbox.count().exec()).toBe(0);
      expect(await timelineIds(tom.client, stream)).toEqual(serverOrder);
    } finally {
      await sam.client.close();
      await tom.client.close();
    }
  });
});

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function firstValue(client: ClearwayClient, stream: string) {
  return new Promise<
    Parameters<Parameters<ReturnType<ClearwayClient['caseView$']>['subscribe']>[0] & object>[0]
  >((resolve) => {
    const sub = client.caseView$(stream).subscribe((view) => {
      resolve(view);
      queueMicrotask(() => sub.unsubscribe());
    });
  });
}
