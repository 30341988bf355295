// The browser half of bench/ui/run.ts, bundled and run in Chromium. Four phases, each in a
// freshly launched browser on the same profile so the timed ones open IndexedDB cold:
// `seedDataLayer` stores the cases in the data layer's RxDB database (documents and their lean
// summaries, as a pull writes them) with a signed-in session; `seedDexie` stores the same
// summaries as plain rows in a Dexie database with the same indexes; `dexie` and `dataLayer`
// time My work and the All cases queries, each side the same questions.
import Dexie from 'dexie';
import { firstValueFrom } from 'rxjs';
import {
  type CaseFilter,
  type CaseListItem,
  createClearwayClient,
  type LocalStreamDocument,
} from '../../src/data';
import { PAGE_SIZE, toCaseListItem } from '../../src/data/caseQueries';
import { type CaseSummary, toCaseSummary, writeCaseSummaries } from '../../src/data/caseSummaries';
import { databaseNameFor, openDatabase } from '../../src/data/database';
import { openDeviceStore } from '../../src/data/deviceStore';
import { BENCH_PERSON, buildLocalCases, CASE_TYPES, DEEP_PAGE } from './seedCases';

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
  /** Open the database to My work's first page and its total in hand. */
  openToMyWorkMs: number;
  /** Of which opening the database (RxDB: the client's start with its stored session). */
  openedMs: number;
  /** Navigation start (a fresh page load) to My work's first page in hand. */
  loadToMyWorkMs: number;
  /** After the first page: every case in My work (the urgent and due-soon tally). */
  myWorkAllMs: number;
  myWorkCount: number;
  /** One per filter: All cases, first page of PAGE_SIZE with the list's total. */
  queryMs: number[];
  /** The same, page DEEP_PAGE. */
  deepQueryMs: number[];
  /** Every match of each filter (what a search reads). */
  allMatchesMs: number[];
  /** How many cases the lists held over all the filters (the totals). */
  matches: number;
  firstPage: string[];
  deepPage: string[];
};

type Row = Omit<CaseSummary, 'isMine'> & { isMine: 0 | 1 };

function openDexie(): Dexie {
  const db = new Dexie('bench-ui-dexie');
  // IndexedDB cannot index booleans, so isMine is 0 or 1; otherwise the summaries' indexes.
  db.version(1).stores({
    summaries:
      'id, reference, updatedAt, dueOrder, [isMine+dueOrder], [caseType+stage+dueOrder], [stage+dueOrder], [caseType+dueOrder], [primaryOwnerId+dueOrder], [primaryTeamId+dueOrder]',
  });
  return db;
}

const fromRow = (row: Row): CaseSummary => ({ ...row, isMine: row.isMine === 1 });
const toItems = (rows: Row[]) => rows.map((row) => toCaseListItem(fromRow(row), NOW, false));
type Page = { items: CaseListItem[]; total: number };

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
    const batch = cases.slice(start, start + BATCH);
    await db.cases.bulkInsert(batch.map(({ _deleted, ...doc }) => doc));
    await writeCaseSummaries(db.caseSummaries, batch);
  }
  const stored = await db.caseSummaries.count().exec();
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
    const rows = cases.slice(start, start + BATCH).map(({ _deleted, ...doc }): Row => {
      const summary = toCaseSummary(doc);
      return { ...summary, isMine: summary.isMine ? 1 : 0 };
    });
    await dexie.table('summaries').bulkAdd(rows);
  }
  const stored = await dexie.table('summaries').count();
  dexie.close();
  return stored;
}

/** Runs each filter once, timing each; the lists come back for checking. */
async function timeEach<T>(query: (filter: CaseFilter) => Promise<T>) {
  const ms: number[] = [];
  const results: T[] = [];
  for (const filter of FILTERS) {
    const started = performance.now();
    results.push(await query(filter));
    ms.push(performance.now() - started);
  }
  return { ms, results };
}

const dueDatesOf = (page: Page | undefined) => (page?.items ?? []).map((item) => item.dueDate);

async function onDexie(): Promise<PhaseFigures> {
  const started = performance.now();
  const db = openDexie();
  const summaries = db.table<Row, string>('summaries');
  const mine = summaries.where('[isMine+dueOrder]').between([1, Dexie.minKey], [1, Dexie.maxKey]);
  const [firstRows, myWorkCount] = await Promise.all([mine.clone().limit(PAGE_SIZE).toArray(), mine.count()]);
  toItems(firstRows);
  const openToMyWorkMs = performance.now() - started;
  const loadToMyWorkMs = performance.now();
  const allStarted = performance.now();
  toItems(await mine.clone().toArray());
  const myWorkAllMs = performance.now() - allStarted;
  // Dexie opens the database with the first query.
  const openedMs = 0;
  const range = ({ types = [], statuses = [] }: CaseFilter) =>
    summaries
      .where('[caseType+stage+dueOrder]')
      .between([types[0], statuses[0], Dexie.minKey], [types[0], statuses[0], Dexie.maxKey]);
  const pageOf = async (filter: CaseFilter, page: number): Promise<Page> => {
    const [rows, total] = await Promise.all([
      range(filter)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .toArray(),
      range(filter).count(),
    ]);
    return { items: toItems(rows), total };
  };
  const paged = await timeEach((filter) => pageOf(filter, 1));
  const deep = await timeEach((filter) => pageOf(filter, DEEP_PAGE));
  const all = await timeEach(async (filter) => toItems(await range(filter).toArray()));
  const stored = await summaries.count();
  db.close();
  return {
    stored,
    openToMyWorkMs,
    openedMs,
    loadToMyWorkMs,
    myWorkAllMs,
    myWorkCount,
    queryMs: paged.ms,
    deepQueryMs: deep.ms,
    allMatchesMs: all.ms,
    matches: paged.results.reduce((sum, page) => sum + page.total, 0),
    firstPage: dueDatesOf(paged.results[0]),
    deepPage: dueDatesOf(deep.results[0]),
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
  const myWork = await firstValueFrom(client.myWorkPage$());
  const openToMyWorkMs = performance.now() - started;
  const loadToMyWorkMs = performance.now();
  const allStarted = performance.now();
  await firstValueFrom(client.myWork$());
  const myWorkAllMs = performance.now() - allStarted;
  const db = client.database;
  if (!db) throw new Error('The stored session did not open the database.');
  const paged = await timeEach((filter) => firstValueFrom(client.casePage$(filter, 1)));
  const deep = await timeEach((filter) => firstValueFrom(client.casePage$(filter, DEEP_PAGE)));
  const all = await timeEach((filter) => firstValueFrom(client.cases$(filter)));
  const stored = await db.caseSummaries.count().exec();
  await client.close();
  return {
    stored,
    openToMyWorkMs,
    openedMs,
    loadToMyWorkMs,
    myWorkAllMs,
    myWorkCount: myWork.total,
    queryMs: paged.ms,
    deepQueryMs: deep.ms,
    allMatchesMs: all.ms,
    matches: paged.results.reduce((sum, page) => sum + page.total, 0),
    firstPage: dueDatesOf(paged.results[0]),
    deepPage: dueDatesOf(deep.results[0]),
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
