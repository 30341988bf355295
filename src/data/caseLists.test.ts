// The lists a device shows, through the client: My work and All cases a page at a time with the
// list's total, and a case logged on this device with no network, shown at once under its
// provisional reference and marked as not sent. The device is offline (every fetch fails) and
// opens with a stored session, as it would on a train. Lists page by key: every filter and sort
// pages through the cases in the order worked out by hand, going back a page shows the same
// rows, and a case added or removed while someone pages never repeats a row nor loses one.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toStreamDocument } from '../domain';
import { caseIn, people } from '../domain/testing/journeys';
import { casePageRows$, IN_MEMORY_ROWS } from './casePages';
import { type CaseFilter, type CasePage, isOverdue } from './caseQueries';
import { type CaseSummary, type CaseSummaryCollection, writeCaseSummaries } from './caseSummaries';
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

const SIZE = 7;
const TYPES = ['foi', 'sar', 'eir'] as const;
const STAGES = ['logged', 'in_progress', 'closed'] as const;

/** Case n: three kinds, three stages, due dates three to a day (ties), some undated. */
function summary(n: number, id = `case:0192f000-0000-7000-8000-${String(n).padStart(12, '0')}`): CaseSummary {
  const due =
    n % 11 === 0 ? '' : new Date(Date.UTC(2026, 2, 1) + Math.floor(n / 3) * 86_400_000).toISOString();
  const dueDate = n % 5 === 0 ? due : due.slice(0, 10);
  const stage = STAGES[n % 3] ?? 'logged';
  const owner = n % 4 === 0 ? 'sam' : 'priya';
  return {
    id,
    reference: `${(TYPES[n % 3] ?? 'foi').toUpperCase()}-2026-${String((n * 37) % 101).padStart(5, '0')}`,
    caseType: TYPES[n % 3] ?? 'foi',
    stage,
    status: stage,
    subject: `Request ${n}`,
    dueDate,
    dueOrder: dueDate === '' ? '~' : dueDate,
    ownerIds: [owner],
    teamIds: ['waste'],
    primaryOwnerId: owner,
    primaryTeamId: 'waste',
    isMine: owner === 'priya' && stage !== 'closed',
    updatedAt: `2026-03-0${(n % 7) + 1}T09:00:00.000Z`,
  };
}

const FIELD = { due: 'dueOrder', reference: 'reference', updated: 'updatedAt' } as const;

/** The list worked out by hand: every match, sorted by the field then the id, or the reverse. */
function byHand(all: CaseSummary[], f: CaseFilter, keep: (s: CaseSummary) => boolean): string[] {
  const field = FIELD[f.sort ?? 'due'];
  const descending = (f.direction ?? (f.sort === 'updated' ? 'desc' : 'asc')) === 'desc';
  const sorted = all
    .filter(keep)
    .sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.id < b.id ? -1 : 1))
    .map((s) => s.id);
  return descending ? sorted.reverse() : sorted;
}

const pageOf = (client: ClearwayClient, f: CaseFilter, page: number, total?: number) =>
  firstValueFrom(
    client.casePage$(f, page, SIZE).pipe(filter((p) => total === undefined || p.total === total)),
  );

/** Every page of a list read in turn (sorting small lists in memory, or walking indexes). */
async function everyPage(
  summaries: CaseSummaryCollection,
  f: CaseFilter,
  inMemoryRows: number,
): Promise<{ ids: string[]; total: number }> {
  const read = (page: number) => firstValueFrom(casePageRows$(summaries, f, page, SIZE, NOW, inMemoryRows));
  const first = await read(1);
  const ids = first.rows.map((s) => s.id);
  for (let page = 2; page <= Math.ceil(first.total / SIZE); page += 1)
    ids.push(...(await read(page)).rows.map((s) => s.id));
  return { ids, total: first.total };
}

describe('paging through a list by key', () => {
  let client: ClearwayClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('gives every filter and sort the cases and order worked out by hand, page after page', async () => {
    client = await offlineDevice();
    const all = Array.from({ length: 90 }, (_, i) => summary(i + 1));
    await client.database!.caseSummaries.bulkInsert(all);
    const cases: [CaseFilter, (s: CaseSummary) => boolean][] = [
      [{}, () => true],
      [{ isMine: true }, (s) => s.isMine],
      [{ types: ['sar'], statuses: ['logged'] }, (s) => s.caseType === 'sar' && s.stage === 'logged'],
      [{ types: ['foi', 'eir'], sort: 'reference', direction: 'desc' }, (s) => s.caseType !== 'sar'],
      [{ isOverdue: true }, (s) => isOverdue(s.dueDate, s.stage, NOW)],
      [{ ownerId: 'sam', sort: 'updated' }, (s) => s.primaryOwnerId === 'sam'],
      [
        { dueFrom: '2026-03-05', dueTo: '2026-03-12', direction: 'desc' },
        (s) => s.dueOrder >= '2026-03-05' && s.dueOrder <= '2026-03-12~',
      ],
      [{ text: 'request 1' }, (s) => s.subject.toLowerCase().includes('request 1')],
    ];
    for (const inMemoryRows of [IN_MEMORY_ROWS, 0])
      for (const [f, keep] of cases) {
        const expected = byHand(all, f, keep);
        const paged = await everyPage(client.database!.caseSummaries, f, inMemoryRows);
        const label = `${JSON.stringify(f)} ${inMemoryRows}`;
        expect(paged.total, label).toBe(expected.length);
        expect(paged.ids, label).toEqual(expected);
        // The whole list at once (tallies, searches) is the same list.
        const whole = await firstValueFrom(client.cases$(f));
        expect(
          whole.map((i) => i.id),
          label,
        ).toEqual(expected);
      }
  });

  it('shows the same rows on page 2 after page 3, and a page reached directly matches', async () => {
    client = await offlineDevice();
    const all = Array.from({ length: 60 }, (_, i) => summary(i + 1));
    await client.database!.caseSummaries.bulkInsert(all);
    const f: CaseFilter = { sort: 'reference' };
    const expected = byHand(all, f, () => true);
    // Straight to page 4, with no page before it read: found by stepping over index keys.
    const fourth = await pageOf(client, f, 4);
    expect(fourth.items.map((i) => i.id)).toEqual(expected.slice(3 * SIZE, 4 * SIZE));
    const second = await pageOf(client, f, 2);
    const third = await pageOf(client, f, 3);
    expect((await pageOf(client, f, 2)).items).toEqual(second.items);
    expect(third.items.map((i) => i.id)).toEqual(expected.slice(2 * SIZE, 3 * SIZE));
  });

  it('neither repeats nor loses a row when cases are added and removed while someone pages', async () => {
    client = await offlineDevice();
    const summaries = client.database!.caseSummaries;
    const all = Array.from({ length: 40 }, (_, i) => summary(i + 1));
    await summaries.bulkInsert(all);
    const f: CaseFilter = {};
    const seen: string[] = [];
    const first = await pageOf(client, f, 1, 40);
    seen.push(...first.items.map((i) => i.id));
    // A case due before everything arrives: page 2 must not start one row early.
    const early = { ...summary(3, 'case:0192f000-0000-7000-8000-0000000000e1'), dueOrder: '2026-01-01' };
    await summaries.insert({ ...early, dueDate: '2026-01-01' });
    seen.push(...(await pageOf(client, f, 2, 41)).items.map((i) => i.id));
    // The last row of page 2 goes: page 3 must start after where it was, not skip one.
    const lastOfSecond = seen.at(-1)!;
    await (await summaries.findOne(lastOfSecond).exec())!.remove();
    for (let page = 3; page <= Math.ceil(40 / SIZE); page += 1)
      seen.push(...(await pageOf(client, f, page, 40)).items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map((s) => s.id).sort());
    // Going back, page 1 now shows the case added before it.
    expect((await pageOf(client, f, 1, 40)).items[0]?.id).toBe(early.id);
  });

  it('still shows the last page after many cases go, though the pages read before ended further on', async () => {
    client = await offlineDevice();
    const summaries = client.database!.caseSummaries;
    const all = Array.from({ length: 60 }, (_, i) => summary(i + 1));
    await summaries.bulkInsert(all);
    const f: CaseFilter = { sort: 'reference' };
    // Every page read once: the device remembers where each ended.
    for (let page = 1; page <= Math.ceil(60 / SIZE); page += 1) await pageOf(client, f, page, 60);
    // Half the cases go (withdrawn, or passed to another team), most of them from the front.
    const expected = byHand(all, f, () => true);
    await summaries.bulkRemove(expected.slice(0, 30));
    const lastPage = Math.ceil(30 / SIZE);
    const last = await pageOf(client, f, lastPage, 30);
    expect(last.items.map((i) => i.id)).toEqual(expected.slice(30).slice((lastPage - 1) * SIZE));
  });

  it('after cases go from the front, a page further on is counted from the list as it is now', async () => {
    client = await offlineDevice();
    const summaries = client.database!.caseSummaries;
    const all = Array.from({ length: 60 }, (_, i) => summary(i + 1));
    await summaries.bulkInsert(all);
    const f: CaseFilter = { sort: 'reference' };
    for (let page = 1; page <= 3; page += 1) await pageOf(client, f, page, 60);
    const expected = byHand(all, f, () => true);
    await summaries.bulkRemove(expected.slice(0, 10));
    const now = expected.slice(10);
    const sixth = await pageOf(client, f, 6, 50);
    expect(sixth.items.map((i) => i.id)).toEqual(now.slice(5 * SIZE, 6 * SIZE));
    // A page past the end of the shorter list is empty, not rows from an old numbering.
    expect((await pageOf(client, f, 9, 50)).items).toEqual([]);
  });

  it('reads an open page again when a case on it changes', async () => {
    client = await offlineDevice();
    const summaries = client.database!.caseSummaries;
    await summaries.bulkInsert(Array.from({ length: 20 }, (_, i) => summary(i + 1)));
    const pages: CasePage[] = [];
    const subscription = client.casePage$({ types: ['foi'] }, 1, SIZE).subscribe((p) => pages.push(p));
    await vi.waitFor(() => expect(pages.length).toBeGreaterThan(0));
    const before = pages[0]!;
    const moved = before.items[0]!;
    await (await summaries.findOne(moved.id).exec())!.incrementalPatch({ caseType: 'sar' });
    await vi.waitFor(() => expect(pages.at(-1)?.total).toBe(before.total - 1));
    expect(pages.at(-1)?.items.map((i) => i.id)).not.toContain(moved.id);
    subscription.unsubscribe();
  });
});
