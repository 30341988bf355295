import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseFilter, isOverdue, matchesAfterQuery, toCaseListItem, toCaseQuery } from './caseQueries';
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
  });
  afterAll(() => db.remove());

  async function refs(filter: CaseFilter): Promise<string[]> {
    const docs = await db.cases.find(toCaseQuery(filter, NOW)).exec();
    return docs
      .map((d) => toCaseListItem(d.toMutableJSON(), NOW, false))
      .filter((item) => matchesAfterQuery(item, filter))
      .map((item) => item.reference);
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

  it('marks the cases that are the signed-in person’s own', async () => {
    const mine = await db.cases.find({ selector: { isMine: true } }).exec();
    expect(mine.map((d) => d.reference).sort()).toEqual(['FOI-2026-00001', 'FOI-2026-00002']);
  });
});
