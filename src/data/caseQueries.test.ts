import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { DexieStorageInternals } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCaseIndex } from './caseIndexPlan';
import {
  type CaseFilter,
  isOverdue,
  matchesAfterQuery,
  matchesCaseQuery,
  toCaseListItem,
  toCaseQuery,
  toCaseSelector,
} from './caseQueries';
import { rebuildCaseSummaries, toCaseSummary, writeCaseSummaries } from './caseSummaries';
import { type ClearwayDatabase, openDatabase } from './database';
import { withDerivedFields } from './migrations';
import { blankStreamRow } from './schemas';

const NOW = '2026-03-10T12:00:00.000Z';

function caseRow(
  id: string,
  fields: {
    type: string;
    stage: string;
    due: string;
    owner: string;
    team: string;
    ref: string;
    subject: string;
    updatedAt: string;
  },
) {
  return withDerivedFields(
    {
      ...blankStreamRow(`case:0192f000-0000-7000-8000-${id.padStart(12, '0')}`),
      state: { status: fields.stage, subject: fields.subject },
      reference: fields.ref,
      caseType: fields.type,
      status: fields.stage.replace('_', ' '),
      dueDate: fields.due,
      ownerIds: fields.owner ? [fields.owner] : [],
      teamIds: fields.team ? [fields.team] : [],
      updatedAt: fields.updatedAt,
    },
    'priya',
  );
}

const rows = [
  caseRow('1', {
    type: 'foi',
    stage: 'in_progress',
    due: '2026-03-05',
    owner: 'priya',
    team: 'waste',
    ref: 'FOI-2026-00001',
    subject: 'Bin collections',
    updatedAt: '2026-03-01T09:00:00Z',
  }),
  caseRow('2', {
    type: 'foi',
    stage: 'closed',
    due: '2026-03-04',
    owner: 'priya',
    team: 'waste',
    ref: 'FOI-2026-00002',
    subject: 'Street lights',
    updatedAt: '2026-03-02T09:00:00Z',
  }),
  caseRow('3', {
    type: 'sar',
    stage: 'in_progress',
    due: '2026-04-01',
    owner: 'sam',
    team: 'information-rights',
    ref: 'SAR-2026-00001',
    subject: 'My records',
    updatedAt: '2026-03-03T09:00:00Z',
  }),
  caseRow('4', {
    type: 'foi',
    stage: 'logged',
    due: '2026-03-20',
    owner: '',
    team: '',
    ref: 'FOI-2026-00003',
    subject: 'Potholes on the A38',
    updatedAt: '2026-03-04T09:00:00Z',
  }),
  caseRow('5', {
    type: 'breach',
    stage: 'in_progress',
    due: '2026-03-10T09:00:00.000Z',
    owner: 'sam',
    team: 'information-rights',
    ref: 'BRE-2026-00001',
    subject: 'Lost laptop',
    updatedAt: '2026-03-05T09:00:00Z',
  }),
];

describe('finding cases in the lists people use', () => {
  let db: ClearwayDatabase;
  beforeAll(async () => {
    db = await openDatabase({
      name: `lists-${crypto.randomUUID()}`,
      userId: 'priya',
      indexedDb: { indexedDB, IDBKeyRange },
      isMultiInstance: false,
    });
    await db.cases.bulkInsert(rows);
    await writeCaseSummaries(db.caseSummaries, rows);
  });
  afterAll(() => db.remove());

  async function refs(filter: CaseFilter): Promise<string[]> {
    const docs = await db.caseSummaries.find(toCaseQuery(filter, NOW)).exec();
    const found = docs
      .map((d) => toCaseListItem(d.toMutableJSON(), NOW, false))
      .filter((item) => matchesAfterQuery(item, filter))
      .map((item) => item.reference);
    // A case logged on this device is matched in memory: the same question must give the same answer.
    const stored = (await db.caseSummaries.find().exec()).map((d) => d.toMutableJSON());
    const inMemory = stored
      .filter((summary) => matchesCaseQuery(summary, filter, NOW))
      .map((summary) => summary.reference);
    expect([...inMemory].sort()).toEqual([...found].sort());
    return found;
  }

  it('lists all cases soonest due first by default', async () => {
    expect(await refs({})).toEqual([
      'FOI-2026-00002',
      'FOI-2026-00001',
      'BRE-2026-00001',
      'FOI-2026-00003',
      'SAR-2026-00001',
    ]);
  });

  it('filters by type, workflow status, owner and team', async () => {
    expect(await refs({ types: ['foi'], statuses: ['in_progress', 'logged'] })).toEqual([
      'FOI-2026-00001',
      'FOI-2026-00003',
    ]);
    expect(await refs({ ownerId: 'sam' })).toEqual(['BRE-2026-00001', 'SAR-2026-00001']);
    expect(await refs({ teamId: 'waste' })).toEqual(['FOI-2026-00002', 'FOI-2026-00001']);
  });

  it('shows only open cases past their deadline as overdue, including a breach past its hour', async () => {
    expect(await refs({ isOverdue: true })).toEqual(['FOI-2026-00001', 'BRE-2026-00001']);
    expect(isOverdue('2026-03-05', 'closed', NOW)).toBe(false);
    expect(isOverdue('2026-03-10', 'in_progress', NOW)).toBe(false); // due today is not late yet
    expect(isOverdue('2026-03-10T13:00:00.000Z', 'in_progress', NOW)).toBe(false);
  });

  it('finds cases by due window, words in the subject or reference, and sorts as asked', async () => {
    expect(await refs({ dueFrom: '2026-03-06', dueTo: '2026-03-31' })).toEqual([
      'BRE-2026-00001',
      'FOI-2026-00003',
    ]);
    expect(await refs({ text: 'a38' })).toEqual(['FOI-2026-00003']);
    expect(await refs({ text: 'sar-2026' })).toEqual(['SAR-2026-00001']);
    expect(await refs({ sort: 'reference', direction: 'desc' })).toEqual([
      'SAR-2026-00001',
      'FOI-2026-00003',
      'FOI-2026-00002',
      'FOI-2026-00001',
      'BRE-2026-00001',
    ]);
    expect((await refs({ sort: 'updated' }))[0]).toBe('BRE-2026-00001');
  });

  it('finds one case by its reference, whatever the case of the letters typed', async () => {
    expect(await refs({ reference: 'FOI-2026-00003' })).toEqual(['FOI-2026-00003']);
    expect(await refs({ reference: 'foi-2026-00003' })).toEqual(['FOI-2026-00003']);
    expect(await refs({ reference: 'FOI-2026-00009' })).toEqual([]);
  });

  it('puts the signed-in person’s open cases in My work, and cases with no deadline last', async () => {
    expect(await refs({ isMine: true })).toEqual(['FOI-2026-00001']);
    const undated = { ...rows[0]!, id: 'case:0192f000-0000-7000-8000-000000000099', dueDate: '' };
    await writeCaseSummaries(db.caseSummaries, [{ ...undated, reference: 'FOI-2026-00099' }]);
    expect(await refs({ isMine: true })).toEqual(['FOI-2026-00001', 'FOI-2026-00099']);
    expect((await refs({})).at(-1)).toBe('FOI-2026-00099');
    // A case the server withdraws from this person leaves the lists.
    await writeCaseSummaries(db.caseSummaries, [{ ...undated, _deleted: true }]);
    expect(await refs({ isMine: true })).toEqual(['FOI-2026-00001']);
  });

  it('never calls a finished case overdue, whatever states are asked for', async () => {
    expect(await refs({ isOverdue: true, statuses: ['closed', 'in_progress'] })).toEqual([
      'FOI-2026-00001',
      'BRE-2026-00001',
    ]);
    expect(await refs({ isOverdue: true, statuses: ['closed'] })).toEqual([]);
  });

  it('takes in a breach report due at an hour of the last day of a due window', async () => {
    expect(await refs({ dueTo: '2026-03-10' })).toEqual([
      'FOI-2026-00002',
      'FOI-2026-00001',
      'BRE-2026-00001',
    ]);
  });

  // (RxDB's own planner counts My work through the reference index, reading every summary.)
  it('pages each list through an index the storage has', async () => {
    const { dexieTable } = await (db.caseSummaries.storageInstance.internals as DexieStorageInternals);
    const filters: CaseFilter[] = [
      {},
      { isMine: true },
      { types: ['foi'], statuses: ['logged'] },
      { types: ['foi'] },
      { statuses: ['closed'] },
      { ownerId: 'sam' },
      { teamId: 'waste' },
      { types: ['foi'], sort: 'reference', direction: 'desc' },
      { isOverdue: true, sort: 'updated' },
    ];
    const stored = (await db.caseSummaries.find().exec()).map((d) => d.toMutableJSON());
    for (const filter of filters) {
      const plan = planCaseIndex(filter, NOW);
      for (const range of [plan.ordered, plan.narrowest])
        expect(dexieTable.schema.idxByName[range.indexName], range.indexName).toBeDefined();
      // When the plan says its range holds only matches, counting the range gives the total.
      if (!plan.isNarrowestExact) continue;
      const { indexName, lower, upper, isLowerOpen, isUpperOpen } = plan.narrowest;
      const counted = await dexieTable
        .where(indexName)
        .between(lower, upper, !isLowerOpen, !isUpperOpen)
        .count();
      expect(counted, JSON.stringify(filter)).toBe(
        stored.filter((s) => matchesCaseQuery(s, filter, NOW)).length,
      );
    }
  });

  it('reads a page at a time and counts the whole list', async () => {
    const query = toCaseQuery({ sort: 'reference' }, NOW);
    const page2 = await db.caseSummaries.find({ ...query, skip: 2, limit: 2 }).exec();
    expect(page2.map((d) => d.reference)).toEqual(['FOI-2026-00002', 'FOI-2026-00003']);
    expect(await db.caseSummaries.count({ selector: toCaseSelector({ types: ['foi'] }, NOW) }).exec()).toBe(
      3,
    );
    // Counts whose filter no index answers alone are allowed too (they walk the summaries).
    const overdue = toCaseSelector({ isOverdue: true, types: ['foi'] }, NOW);
    expect(await db.caseSummaries.count({ selector: overdue }).exec()).toBe(1);
  });
});

describe('summaries on a device that held cases before they existed', () => {
  it('are built from the full documents when the database opens, once', async () => {
    const name = `rebuild-${crypto.randomUUID()}`;
    const indexedDb = { indexedDB, IDBKeyRange };
    const first = await openDatabase({ name, userId: 'priya', indexedDb, isMultiInstance: false });
    await first.cases.bulkInsert(rows);
    await first.close();
    const db = await openDatabase({ name, userId: 'priya', indexedDb, isMultiInstance: false });
    const summaries = await db.caseSummaries.find({ sort: [{ reference: 'asc' }] }).exec();
    expect(summaries.map((d) => d.toMutableJSON())).toEqual(
      [...rows].sort((a, b) => a.reference.localeCompare(b.reference)).map(toCaseSummary),
    );
    expect(await rebuildCaseSummaries(db.cases, db.caseSummaries)).toBe(false);
    await db.remove();
  });
});
