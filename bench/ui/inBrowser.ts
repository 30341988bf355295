// The browser half of bench/ui/run.ts, bundled and run in Chromium. Three phases, each in a
// freshly launched browser on the same profile so the second and third open IndexedDB cold:
// `seed` stores the cases twice (in the data layer's RxDB database, with a signed-in session,
// and as plain rows in a Dexie database with the same indexes); `dexie` times My work and the
// All cases queries straight on Dexie; `dataLayer` times them through the data layer's client.
import Dexie from 'dexie';
import { firstValueFrom } from 'rxjs';
import { filter as where } from 'rxjs/operators';
import {
  type CaseFilter,
  type CaseListItem,
  createClearwayClient,
  type LocalStreamDocument,
} from '../../src/data';
import { ENDED_STATUSES, toCaseListItem, toCaseQuery } from '../../src/data/caseQueries';
import { databaseNameFor, openDatabase } from '../../src/data/database';
import { openDeviceStore } from '../../src/data/deviceStore';
import { BENCH_PERSON, buildLocalCases, CASE_TYPES } from './seedCases';

export const PAGE_SIZE = 50;
const BATCH = 5_000;
const NOW = '2026-03-02T09:00:00.000Z';

/** Every type and stage pair, each queried once: RxDB caches a query it has answered. */
const STAGES = ['awaiting_acceptance', 'logged'] as const;
const FILTERS: CaseFilter[] = CASE_TYPES.flatMap((type) =>
  STAGES.map((stage) => ({ types: [type], statuses: [stage], sort: 'due' as const })),
);

/** Each side has its own origin (so its own IndexedDB files): seeded, then timed cold. */
export type Phase = 'seedDexie' | 'seedDataLayer' | 'dexie' | 'dataLayer';
export type PhaseFigures = {
  stored: number;
  /** Open the database to My work's list in hand. */
  openToMyWorkMs: number;
  /** Of which opening the database (RxDB: the client's start with its stored session). */
  openedMs: number;
  /** Navigation start (a fresh page load) to My work's list in hand. */
  loadToMyWorkMs: number;
  myWorkCount: number;
  /** One per filter, first page of PAGE_SIZE. */
  queryMs: number[];
  /** The same with each one-value list written as an equality (a proposed fix; data layer only). */
  equalityQueryMs: number[];
  /** The same through the data layer's live cases$ (all matches, as screens get them). */
  liveQueryMs: number[];
  /** How many cases cases$ handed back over all the filters. */
  liveMatches: number;
  firstPage: string[];
};

type Row = Omit<LocalStreamDocument, '_deleted' | 'isMine'> & { isMine: 0 | 1 };

function openDexie(): Dexie {
  const db = new Dexie('bench-ui-dexie');
  // IndexedDB cannot index booleans, so isMine is 0 or 1; otherwise the data layer's indexes.
  db.version(1).stores({
    cases: 'id, updatedAt, reference, dueDate, [stage+dueDate], [caseType+dueDate], [isMine+dueDate]',
  });
  return db;
}

/** What My work does with the documents, so both sides hand the screen the same list. */
function toMyWork(rows: Omit<LocalStreamDocument, '_deleted'>[]): CaseListItem[] {
  const items = rows
    .map((row) => toCaseListItem(row, NOW, false))
    .filter((item) => !ENDED_STATUSES.includes(item.stage));
  return [...items.filter((i) => i.dueDate !== ''), ...items.filter((i) => i.dueDate === '')];
}

const fromRow = (row: Row) => ({ ...row, isMine: row.isMine === 1 });

/** The data layer's side: the person's RxDB database and their signed-in session. */
async function seedDataLayer(cases: LocalStreamDocument[]): Promise<number> {
  const db = await openDatabase({
    name: databaseNameFor(BENCH_PERSON.userId),
    userId: BENCH_PERSON.userId,
    teamIds: BENCH_PERSON.teamIds,
    isMultiInstance: true,
    isValidated: false,
  });
  for (let start = 0; start < cases.length; start += BATCH) {
    await db.cases.bulkInsert(cases.slice(start, start + BATCH).map(({ _deleted, ...doc }) => doc));
  }
  const stored = await db.cases.count().exec();
  await db.close();
  const store = openDeviceStore();
  await store.session.put({
    key: 'current',
    token: 'bench-token',
    user: BENCH_PERSON,
    deviceId: 'bench-device',
    serverUrl: '',
  });
  store.close();
  return stored;
}

async function seedDexie(cases: LocalStreamDocument[]): Promise<number> {
  const dexie = openDexie();
  for (let start = 0; start < cases.length; start += BATCH) {
    await dexie
      .table('cases')
      .bulkAdd(
        cases
          .slice(start, start + BATCH)
          .map(({ _deleted, ...doc }): Row => ({ ...doc, isMine: doc.isMine ? 1 : 0 })),
      );
  }
  const stored = await dexie.table('cases').count();
  dexie.close();
  return stored;
}

/** Runs each filter once, timing each; the pages (or lists) come back for checking. */
async function timeEach(query: (filter: CaseFilter) => Promise<CaseListItem[]>) {
  const ms: number[] = [];
  const lists: CaseListItem[][] = [];
  for (const filter of FILTERS) {
    const started = performance.now();
    lists.push(await query(filter));
    ms.push(performance.now() - started);
  }
  return { ms, lists, dueDates: (lists[0] ?? []).map((item) => item.dueDate) };
}

const listItem = (doc: { toJSON(): unknown }) =>
  toCaseListItem(doc.toJSON() as Omit<LocalStreamDocument, '_deleted'>, NOW, false);

async function onDexie(): Promise<PhaseFigures> {
  const started = performance.now();
  const db = openDexie();
  const cases = db.table<Row, string>('cases');
  const mine = await cases.where('[isMine+dueDate]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray();
  const myWork = toMyWork(mine.map(fromRow));
  const openToMyWorkMs = performance.now() - started;
  const loadToMyWorkMs = performance.now();
  // Dexie opens the database with the first query.
  const openedMs = 0;
  const paged = await timeEach(async ({ types = [], statuses = [] }) => {
    // The index RxDB's planner picks for this filter: type and due date, status checked per row.
    const rows = await cases
      .where('[caseType+dueDate]')
      .between([types[0], Dexie.minKey], [types[0], Dexie.maxKey])
      .filter((row) => row.stage === statuses[0])
      .limit(PAGE_SIZE)
      .toArray();
    return rows.map((row) => toCaseListItem(fromRow(row), NOW, false));
  });
  const stored = await cases.count();
  db.close();
  return {
    stored,
    openToMyWorkMs,
    openedMs,
    loadToMyWorkMs,
    myWorkCount: myWork.length,
    queryMs: paged.ms,
    // Only the data layer has these.
    equalityQueryMs: [],
    liveQueryMs: [],
    liveMatches: 0,
    firstPage: paged.dueDates,
  };
}

async function throughDataLayer(): Promise<PhaseFigures> {
  const started = performance.now();
  const client = createClearwayClient({
    baseUrl: '',
    isMultiInstance: true,
    isValidated: false,
    isPrefetching: false,
    now: () => NOW,
    // The device opens offline: a cold start must not wait for the network.
    fetch: () => Promise.reject(new TypeError('The bench device is offline.')),
  });
  await client.start();
  const openedMs = performance.now() - started;
  const myWork = await firstValueFrom(client.myWork$().pipe(where((items) => items.length > 0)));
  const openToMyWorkMs = performance.now() - started;
  const loadToMyWorkMs = performance.now();
  const db = client.database;
  if (!db) throw new Error('The stored session did not open the database.');
  // First (so the shipped queries below get the warmer cache): the same filters written as
  // equalities, which RxDB's planner can sort by index and stop after a page (see the report).
  const equality = await timeEach(async (filter) => {
    const { sort } = toCaseQuery(filter, NOW);
    const selector = { caseType: filter.types?.[0], stage: filter.statuses?.[0] };
    return (await db.cases.find({ selector, sort, limit: PAGE_SIZE }).exec()).map(listItem);
  });
  const paged = await timeEach(async (filter) =>
    (await db.cases.find({ ...toCaseQuery(filter, NOW), limit: PAGE_SIZE }).exec()).map(listItem),
  );
  // Without a limit these are other queries than the paged ones, so RxDB's cache cannot answer.
  const live = await timeEach((filter) => firstValueFrom(client.cases$(filter)));
  const stored = await db.cases.count().exec();
  await client.close();
  return {
    stored,
    openToMyWorkMs,
    openedMs,
    loadToMyWorkMs,
    myWorkCount: myWork.length,
    queryMs: paged.ms,
    equalityQueryMs: equality.ms,
    liveQueryMs: live.ms,
    liveMatches: live.lists.reduce((sum, list) => sum + list.length, 0),
    firstPage: paged.dueDates,
  };
}

async function run(phase: Phase, count: number): Promise<PhaseFigures | number> {
  if (phase === 'seedDexie') return seedDexie(buildLocalCases(count));
  if (phase === 'seedDataLayer') return seedDataLayer(buildLocalCases(count));
  return phase === 'dexie' ? onDexie() : throughDataLayer();
}

// Started as the page loads (no round trip from Playwright inside the figure); the page's
// address says which phase and how many cases.
const params = new URLSearchParams(location.search);
const phase = params.get('phase') as Phase;
(globalThis as { uiBench?: Promise<PhaseFigures | number> }).uiBench = run(
  phase,
  Number(params.get('cases')),
);
