// The lean copy of each case that lists read: only the fields My work and All cases show or
// filter on, so a list of 50,000 cases never reads (or deserialises) a case's state and
// timeline from IndexedDB. Written beside every pulled case (./replication.ts), rebuilt
// from the full documents once when a device that already holds cases first opens this version,
// and worked out again when the person's teams change (what is in My work depends on them).
import type { RxCollection, RxJsonSchema } from 'rxdb';
import { ENDED_STATUSES } from './caseStatuses';
import { withDerivedFields } from './migrations';
import type { LocalStreamDocument } from './schemas';
import { writeServerRows } from './serverRows';

export type CaseSummary = {
  /** The stream id, `case:<uuid>`. */
  id: string;
  reference: string;
  caseType: string;
  /** The workflow status, e.g. `in_progress`. */
  stage: string;
  /** The same in words for people, e.g. "In progress". */
  status: string;
  subject: string;
  dueDate: string;
  /** `dueDate`, or UNDATED after every date: sorting by it puts cases with no deadline last. */
  dueOrder: string;
  ownerIds: string[];
  teamIds: string[];
  primaryOwnerId: string;
  primaryTeamId: string;
  /** In My work: the signed-in person's (or waiting on them or their team) and not ended. */
  isMine: boolean;
  updatedAt: string;
};

export type CaseSummaryCollection = RxCollection<CaseSummary>;

/** Sorts after every date and instant ('~' comes after the digits). */
export const UNDATED = '~';

const ID = { type: 'string', maxLength: 100 } as const;
const SHORT = { type: 'string', maxLength: 100 } as const;
const DUE = { type: 'string', maxLength: 40 } as const;
const PERSON = { type: 'string', maxLength: 80 } as const;

export const caseSummaryJsonSchema: RxJsonSchema<CaseSummary> = {
  title: 'case summaries',
  description: 'What lists show of each case: read instead of the full documents.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: ID,
    reference: SHORT,
    caseType: { type: 'string', maxLength: 40 },
    stage: { type: 'string', maxLength: 40 },
    status: SHORT,
    subject: { type: 'string' },
    dueDate: DUE,
    dueOrder: DUE,
    ownerIds: { type: 'array', items: { type: 'string' } },
    teamIds: { type: 'array', items: { type: 'string' } },
    primaryOwnerId: PERSON,
    primaryTeamId: PERSON,
    isMine: { type: 'boolean' },
    updatedAt: DUE,
  },
  required: [
    'id',
    'reference',
    'caseType',
    'stage',
    'status',
    'subject',
    'dueDate',
    'dueOrder',
    'ownerIds',
    'teamIds',
    'primaryOwnerId',
    'primaryTeamId',
    'isMine',
    'updatedAt',
  ],
  // Each list's filter has an index that also gives its order, so a page stops after its rows.
  indexes: [
    'reference',
    'updatedAt',
    'dueOrder',
    ['isMine', 'dueOrder'],
    ['caseType', 'stage', 'dueOrder'],
    ['stage', 'dueOrder'],
    ['caseType', 'dueOrder'],
    ['primaryOwnerId', 'dueOrder'],
    ['primaryTeamId', 'dueOrder'],
  ],
};

type StreamRow = Omit<LocalStreamDocument, '_deleted'>;

export function toCaseSummary(doc: StreamRow): CaseSummary {
  const subject = typeof doc.state.subject === 'string' ? doc.state.subject : '';
  return {
    id: doc.id,
    reference: doc.reference,
    caseType: doc.caseType,
    stage: doc.stage,
    status: doc.status,
    subject,
    dueDate: doc.dueDate,
    dueOrder: doc.dueDate === '' ? UNDATED : doc.dueDate,
    ownerIds: doc.ownerIds,
    teamIds: doc.teamIds,
    primaryOwnerId: doc.primaryOwnerId,
    primaryTeamId: doc.primaryTeamId,
    isMine: doc.isMine && !ENDED_STATUSES.includes(doc.stage),
    updatedAt: doc.updatedAt,
  };
}

/** Keeps the summaries in step with a batch of pulled cases (deleted ones leave the lists). */
export async function writeCaseSummaries(
  summaries: CaseSummaryCollection,
  docs: readonly (StreamRow & { _deleted?: boolean })[],
): Promise<void> {
  const rows = docs.map(({ _deleted, ...doc }) => ({ ...toCaseSummary(doc), _deleted: _deleted === true }));
  await writeServerRows(summaries, rows, 'clearway-case-summaries');
}

const REBUILD_BATCH = 1_000;

/** Reads every stored case, a batch at a time by id ranges (one index walk a batch). */
async function forEachCaseBatch(
  cases: RxCollection<StreamRow>,
  visit: (batch: StreamRow[]) => Promise<void>,
): Promise<void> {
  let after = '';
  for (;;) {
    const batch = await cases
      .find({ selector: { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: REBUILD_BATCH })
      .exec();
    if (batch.length === 0) break;
    await visit(batch.map((d) => d.toJSON() as StreamRow));
    after = batch[batch.length - 1]?.id ?? after;
    if (batch.length < REBUILD_BATCH) break;
  }
}

/**
 * Builds the summaries from the full documents on a device upgraded from a version without
 * them: cases but no summaries. (Comparing the two counts at every start cost seconds at
 * 50,000 cases; one row of each costs nothing.) The database is not handed out until this
 * finishes, though a pull in another tab (the leader) may write summaries meanwhile: see below.
 */
export async function rebuildCaseSummaries(
  cases: RxCollection<StreamRow>,
  summaries: CaseSummaryCollection,
): Promise<boolean> {
  // Summaries first: a device that has them (every start but the first after the upgrade)
  // stops after one read.
  if (await summaries.findOne().exec()) return false;
  if (!(await cases.findOne().exec())) return false;
  await forEachCaseBatch(cases, async (batch) => {
    // Only where there is none yet: a pull writing summaries meanwhile (in a tab that leads while
    // this one opens) has the newer case, and must not be written over with an older one.
    await summaries.bulkInsert(batch.map(toCaseSummary));
  });
  return true;
}

/**
 * After an administrator changed the person's teams: works out again, with the new teams,
 * which stored cases are in their My work, and writes those that moved in or out (the case and
 * its summary), telling `onMoved` of each batch. The caller stops this tab's pulls first, so
 * none writes with the old teams meanwhile, and runs this only in the tab that leads: the only
 * one that pulls, so no pull in another tab writes a newer case under it. Returns how many moved.
 */
export async function rederiveMyWork(
  cases: RxCollection<StreamRow>,
  summaries: CaseSummaryCollection,
  person: { userId: string; teamIds: readonly string[] },
  onMoved: (rows: (StreamRow & { _deleted: boolean })[]) => void = () => undefined,
): Promise<number> {
  let moved = 0;
  await forEachCaseBatch(cases, async (batch) => {
    const changed = batch
      .map((doc) => ({ doc, derived: withDerivedFields(doc, person.userId, person.teamIds) }))
      .filter(({ doc, derived }) => derived.isMine !== doc.isMine)
      .map(({ derived }) => ({ ...derived, _deleted: false }));
    if (changed.length === 0) return;
    await writeServerRows(cases, changed, 'clearway-teams-changed');
    await writeCaseSummaries(summaries, changed);
    onMoved(changed);
    moved += changed.length;
  });
  return moved;
}
