// The lists a device shows, through the client: My work and All cases a page at a time with the
// list's total, and a case logged on this device with no network, shown at once under its
// provisional reference and marked as not sent. The device is offline (every fetch fails) and
// opens with a stored session, as it would on a train.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterEach, describe, expect, it } from 'vitest';
import { toStreamDocument } from '../domain';
import { caseIn, people } from '../domain/testing/journeys';
import type { CasePage } from './caseQueries';
import { writeCaseSummaries } from './caseSummaries';
import { type ClearwayClient, createClearwayClient } from './client';
import { openDeviceStore } from './deviceStore';
import { toLocalStreamDocument } from './replication';

const NOW = '2026-03-04T10:00:00.000Z';
const worker = people.caseWorker;

async function offlineDevice(): Promise<ClearwayClient> {
  const indexedDb = { indexedDB: new IDBFactory(), IDBKeyRange };
  const namespace = `lists-${crypto.randomUUID().slice(0, 8)}-`;
  const store = openDeviceStore(indexedDb, `${namespace}clearway-device`);
  await store.session.put({ key: 'current', token: 't', user: worker, deviceId: 'tablet', serverUrl: '' });
  store.close();
  const client = createClearwayClient({
    indexedDb,
    namespace,
    isMultiInstance: false,
    isPrefetching: false,
    now: () => NOW,
    fetch: () => Promise.reject(new TypeError('offline')),
  });
  await client.start();
  return client;
}

/** `count` pulled cases waiting to be allocated (the case worker's), due a day apart. */
async function storeCases(client: ClearwayClient, count: number): Promise<void> {
  const docs = Array.from({ length: count }, (_, i) => {
    const state = caseIn('foi', 'to_allocate');
    const doc = toStreamDocument(`case:${crypto.randomUUID()}`, state, [], 1, NOW);
    const due = new Date(Date.UTC(2026, 3, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return toLocalStreamDocument(
      { ...doc, dueDate: due, reference: `FOI-2026-${String(i + 1).padStart(5, '0')}` },
      worker.userId,
      worker.teamIds,
    );
  });
  const db = client.database!;
  await db.cases.bulkInsert(docs.map(({ _deleted, ...doc }) => doc));
  await writeCaseSummaries(db.caseSummaries, docs);
}

const settled = (page$: ReturnType<ClearwayClient['casePage$']>, check: (page: CasePage) => boolean) =>
  firstValueFrom(page$.pipe(filter(check)));

describe('lists on the device', () => {
  let client: ClearwayClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('pages My work and All cases fifty at a time, soonest due first, with the whole list’s total', async () => {
    client = await offlineDevice();
    await storeCases(client, 120);
    const third = await settled(client.myWorkPage$(3), (p) => p.total > 0);
    expect(third.total).toBe(120);
    expect(third.items.map((i) => i.reference)).toEqual(
      Array.from({ length: 20 }, (_, i) => `FOI-2026-${String(101 + i).padStart(5, '0')}`),
    );
    const byReference = await settled(
      client.casePage$({ sort: 'reference', direction: 'desc' }, 1),
      (p) => p.total > 0,
    );
    expect(byReference.items).toHaveLength(50);
    expect(byReference.items[0]?.reference).toBe('FOI-2026-00120');
    const allMine = await firstValueFrom(client.myWork$().pipe(filter((l) => l.length > 0)));
    expect(allMine).toHaveLength(120);
  });

  it('shows a case logged offline in My work and All cases at once, provisional and not sent', async () => {
    client = await offlineDevice();
    await storeCases(client, 60);
    const stream = `case:${crypto.randomUUID()}`;
    await client.sendEvent(stream, 'case.logged', {
      caseType: 'foi',
      reference: 'FOI-2026-P-0a1b2c',
      receivedOn: '2026-03-03',
      channel: 'email',
      region: 'england-and-wales',
      requester: { name: 'Amira Khan', type: 'member_of_the_public' },
      subject: 'Street lighting repairs',
      requestText: 'How many bin collections were missed in 2025?',
    });
    const myWork = await settled(client.myWorkPage$(1), (p) => p.total === 61);
    const logged = myWork.items[0];
    expect(logged).toMatchObject({
      id: stream,
      reference: 'FOI-2026-P-0a1b2c',
      subject: 'Street lighting repairs',
      hasPendingChanges: true,
    });
    expect(logged?.dueDate).not.toBe('');
    // It heads the first page only; the second page is the stored cases' as before.
    const second = await settled(client.myWorkPage$(2), (p) => p.total === 61);
    expect(second.items.map((i) => i.id)).not.toContain(stream);
    const found = await settled(client.casePage$({ text: 'street lighting' }, 1), (p) => p.total > 0);
    expect(found.items.map((i) => i.reference)).toEqual(['FOI-2026-P-0a1b2c']);
    // An All cases filter it does not match leaves it out.
    const sars = await settled(client.casePage$({ types: ['sar'] }, 1), () => true);
    expect(sars.total).toBe(0);
    // Its provisional reference finds it, as the case's address does.
    const byReference = await firstValueFrom(client.cases$({ reference: 'FOI-2026-P-0a1b2c' }));
    expect(byReference.map((i) => i.id)).toEqual([stream]);
  });
});
