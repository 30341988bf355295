// "My work first" on a new device: before the full pull of every case, the device fetches the
// cases in its person's My work (GET /api/replication/cases/my-work), so they see their own work
// in seconds. The answer must be exactly the cases the device would itself put in My work once
// the full pull ends: the oracle is the device's own rule (toLocalStreamDocument, then the
// summary's isMine, which leaves out ended cases) over the caller's full /cases/pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCaseSummary } from '../../src/data/caseSummaries';
import { toLocalStreamDocument } from '../../src/data/replication';
import { findAccount } from '../accounts/users';
import { PAGE_BUDGET_CHARS } from '../replication/pull';
import { backfillWaitingOn } from '../replication/waitingOnBackfill';
import type { Queryable } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

type Document = Record<string, unknown> & { id: string };
type MyWorkPage = { documents: Document[]; checkpoint: { id: string } | null };

const allocation = (to: string, allocationId = `alloc-${to}-${crypto.randomUUID().slice(0, 8)}`) => ({
  allocationId,
  to,
  teamId: 'waste-policy',
  service: 'Waste policy',
});

async function myWorkPage(
  server: TestServer,
  who: SignedIn | null,
  checkpoint: MyWorkPage['checkpoint'],
  batchSize?: number,
): Promise<Response> {
  const query = new URLSearchParams({ checkpoint: checkpoint ? JSON.stringify(checkpoint) : '' });
  if (batchSize !== undefined) query.set('batchSize', String(batchSize));
  return server.call(who, `/api/replication/cases/my-work?${query}`);
}

/** Every page of the caller's My work, in the order sent. */
async function myWorkAll(server: TestServer, who: SignedIn, batchSize = 100): Promise<Document[]> {
  const documents: Document[] = [];
  let checkpoint: MyWorkPage['checkpoint'] = null;
  for (;;) {
    const response = await myWorkPage(server, who, checkpoint, batchSize);
    expect(response.status).toBe(200);
    const page = (await response.json()) as MyWorkPage;
    if (page.documents.length === 0) {
      expect(page.checkpoint).toEqual(checkpoint);
      return documents;
    }
    expect(page.checkpoint).toEqual({ id: page.documents.at(-1)?.id });
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
  }
}

/** What the device shows in My work once the full pull has ended: the cases and their documents. */
async function devicesMyWork(server: TestServer, who: SignedIn): Promise<Map<string, Document>> {
  const account = await findAccount(server.db, who.userId);
  if (!account) throw new Error(`${who.userId} has no account`);
  const latest = new Map<string, Document>();
  for (const doc of (await pullAll(server, who, 'cases')).documents as Document[]) latest.set(doc.id, doc);
  const mine = new Map<string, Document>();
  for (const doc of latest.values()) {
    const { _deleted, ...local } = toLocalStreamDocument(doc, account.userId, account.teamIds);
    if (!_deleted && toCaseSummary(local).isMine) mine.set(doc.id, doc);
  }
  return mine;
}

describe.each(databasesUnderTest())('My work first on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  let official: SignedIn;
  let clearance: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;
  const cases: Record<string, string> = {};

  /** Logs a case (as the case worker) and sends `then` on it, each as its sender; checks each is accepted. */
  async function makeCase(
    name: string,
    then: [SignedIn, string, Record<string, unknown>][] = [],
    caseType = 'foi',
  ) {
    const logged = caseLogged(caseworker);
    const payload = logged.payload as Record<string, unknown>;
    payload.caseType = caseType;
    payload.reference = String(payload.reference).replace('FOI', caseType.toUpperCase());
    const events = [
      [caseworker, logged] as const,
      ...then.map(([who, type, p]) => [who, eventOn(who, logged.stream, type, p)] as const),
    ];
    for (const [who, event] of events) expect((await push(server, who, [event])).status).toBe(200);
    await expectAccepted(events.map(([, e]) => e.id));
    cases[name] = logged.stream;
    return logged.stream;
  }

  async function expectAccepted(ids: string[]) {
    const rows = await server.db.query<{ id: string; status: string; reason: string | null }>(
      'select id, status, reason from events where id = any($1::text[])',
      [ids],
    );
    expect(rows.filter((r) => r.status !== 'accepted')).toEqual([]);
    expect(rows).toHaveLength(ids.length);
  }

  const draft = (who: SignedIn) => ({
    version: 1,
    parts: [{ partId: 'p1', author: who.userId, text: 'Dear Jordan, …' }],
  });

  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
    clearance = await server.signIn('clearance');
    manager = await server.signIn('manager');
    admin = await server.signIn('admin');
    const allocated = allocation('official');
    const accepted = allocation('official');
    const clearing = allocation('official');
    const sensitive = allocation('official');
    const withdrawn = allocation('official');
    // Waiting on the information-rights team (the case worker's and the manager's).
    await makeCase('logged');
    // Offered to the official, not yet accepted.
    await makeCase('offered', [[caseworker, 'case.allocated', allocated]]);
    // Offered to the case worker themselves.
    await makeCase('offered to the case worker', [[caseworker, 'case.allocated', allocation('caseworker')]]);
    await makeCase('in progress', [
      [caseworker, 'case.allocated', accepted],
      [official, 'case.allocation_accepted', { allocationId: accepted.allocationId }],
    ]);
    // Waiting on the clearance officer, still the official's own.
    await makeCase('in clearance', [
      [caseworker, 'case.allocated', clearing],
      [official, 'case.allocation_accepted', { allocationId: clearing.allocationId }],
      [official, 'draft.saved', draft(official)],
      [official, 'clearance.requested', { clearanceId: 'k1', clearer: 'clearance' }],
    ]);
    // A subject access request waiting on the clearance officer, who may not see it (only the
    // information-rights team and the people allocated see personal data).
    await makeCase(
      'sensitive, in clearance',
      [
        [caseworker, 'case.allocated', sensitive],
        [official, 'case.allocation_accepted', { allocationId: sensitive.allocationId }],
        [official, 'draft.saved', draft(official)],
        [official, 'clearance.requested', { clearanceId: 'k1', clearer: 'clearance' }],
      ],
      'sar',
    );
    // A subject access request handed on from the official, who is then asked to contribute: it
    // waits on the official, who may no longer see it (their pull has deleted it).
    const handed = allocation('official');
    await makeCase(
      'sensitive, handed on',
      [
        [caseworker, 'case.allocated', handed],
        [official, 'case.allocation_accepted', { allocationId: handed.allocationId }],
        [
          official,
          'case.reallocated',
          {
            ...allocation('manager'),
            allocationId: handed.allocationId,
            newAllocationId: 'a2',
            reason: 'The team’s manager handles this one',
          },
        ],
        [manager, 'case.allocation_accepted', { allocationId: 'a2' }],
        [
          manager,
          'contribution.requested',
          { contributionId: 'c1', to: 'official', question: 'What did we hold?', dueOn: '2026-03-12' },
        ],
      ],
      'sar',
    );
    // Ended: in nobody's My work, though still allocated.
    await makeCase('withdrawn', [
      [caseworker, 'case.allocated', withdrawn],
      [official, 'case.allocation_accepted', { allocationId: withdrawn.allocationId }],
      [caseworker, 'case.withdrawn', { reason: 'The requester withdrew it' }],
    ]);
    // Declined: back with the information-rights team.
    const declined = allocation('official');
    await makeCase('declined', [
      [caseworker, 'case.allocated', declined],
      [official, 'case.allocation_rejected', { allocationId: declined.allocationId, reason: 'Not ours' }],
    ]);
  });
  afterAll(() => server?.close());

  it('sends each person exactly the cases the device would show in their My work', async () => {
    const expected = {
      caseworker: ['logged', 'offered to the case worker', 'declined'],
      official: ['offered', 'in progress', 'in clearance', 'sensitive, in clearance'],
      clearance: ['in clearance'],
      manager: ['logged', 'declined', 'sensitive, handed on'],
      admin: [],
    };
    const who = { caseworker, official, clearance, manager, admin };
    for (const [name, person] of Object.entries(who)) {
      const oracle = await devicesMyWork(server, person);
      const answer = await myWorkAll(server, person);
      const ids = answer.map((d) => d.id);
      expect(new Set(ids), name).toEqual(new Set(oracle.keys()));
      expect(ids, name).toHaveLength(oracle.size);
      // Sent exactly as the full pull sends the case.
      for (const doc of answer) expect(doc, `${name}: ${doc.id}`).toEqual(oracle.get(doc.id));
      // The cases made here (the demo people's database holds no others).
      const names = Object.entries(cases)
        .filter(([, id]) => ids.includes(id))
        .map(([n]) => n);
      expect(names.sort(), name).toEqual([...expected[name as keyof typeof expected]].sort());
    }
  });

  it('pages one case at a time in stream id order, never repeating one', async () => {
    const whole = (await myWorkAll(server, official)).map((d) => d.id);
    const oneByOne = (await myWorkAll(server, official, 1)).map((d) => d.id);
    expect(oneByOne).toEqual(whole);
    expect(new Set(oneByOne).size).toBe(oneByOne.length);
    expect(oneByOne).toEqual([...oneByOne].sort());
    expect(oneByOne.length).toBeGreaterThan(2);
  });

  it('leaves a case out of the official’s work once it is re-allocated to someone else', async () => {
    const stream = await makeCase('to be handed on', [
      [caseworker, 'case.allocated', allocation('official', 'a1')],
      [official, 'case.allocation_accepted', { allocationId: 'a1' }],
    ]);
    expect((await myWorkAll(server, official)).map((d) => d.id)).toContain(stream);
    const handedOn = eventOn(official, stream, 'case.reallocated', {
      allocationId: 'a1',
      newAllocationId: 'a2',
      to: 'caseworker',
      teamId: 'information-rights',
      service: 'Information rights',
      reason: 'This is for the information-rights team',
    });
    expect((await push(server, official, [handedOn])).status).toBe(200);
    await expectAccepted([handedOn.id]);
    expect((await myWorkAll(server, official)).map((d) => d.id)).not.toContain(stream);
    expect((await myWorkAll(server, caseworker)).map((d) => d.id)).toContain(stream);
    const oracle = await devicesMyWork(server, caseworker);
    expect(new Set((await myWorkAll(server, caseworker)).map((d) => d.id))).toEqual(new Set(oracle.keys()));
  });

  it('ends a page early when its cases are large, and the next page carries on from the last one sent', async () => {
    // Waiting on the case worker's team; left out of `cases`, which names what the seeds above made.
    const logged = [caseLogged(caseworker), caseLogged(caseworker), caseLogged(caseworker)];
    for (const event of logged) expect((await push(server, caseworker, [event])).status).toBe(200);
    await expectAccepted(logged.map((e) => e.id));
    const large = logged.map((e) => e.stream);
    const whole = (await myWorkAll(server, caseworker)).map((d) => d.id);
    expect(whole).toEqual(expect.arrayContaining(large));
    const sizes = await server.db.query<{ stream_id: string; size_chars: number }>(
      'select stream_id, size_chars from streams where stream_id = any($1)',
      [large],
    );
    // As if each were well over half of a page's budget: no page may hold two of them.
    await server.db.query('update streams set size_chars = $1 where stream_id = any($2)', [
      Math.ceil(PAGE_BUDGET_CHARS * 0.6),
      large,
    ]);
    try {
      const pages: { documents: Document[]; checkpoint: { id: string } | null; hasMore?: boolean }[] = [];
      let checkpoint: MyWorkPage['checkpoint'] = null;
      for (;;) {
        const response = await myWorkPage(server, caseworker, checkpoint, 1000);
        const page = (await response.json()) as (typeof pages)[number];
        if (page.documents.length === 0) break;
        pages.push(page);
        // The checkpoint is the last case sent, not the last one the page looked at.
        expect(page.checkpoint).toEqual({ id: page.documents.at(-1)?.id });
        checkpoint = page.checkpoint;
      }
      expect(pages.map((p) => p.documents.filter((d) => large.includes(d.id)).length)).toEqual([1, 1, 1]);
      // Short, but not the last: a device takes a short page as the end unless told otherwise.
      expect(pages.map((p) => p.hasMore)).toEqual([true, true, undefined]);
      expect(pages.flatMap((p) => p.documents.map((d) => d.id))).toEqual(whole);
    } finally {
      for (const { stream_id, size_chars } of sizes)
        await server.db.query('update streams set size_chars = $1 where stream_id = $2', [
          size_chars,
          stream_id,
        ]);
    }
  });

  it('refuses a checkpoint it did not give, and anyone not signed in', async () => {
    for (const bad of ['{"seq": 3}', 'not json', '{"id": 7}']) {
      const response = await server.call(
        official,
        `/api/replication/cases/my-work?${new URLSearchParams({ checkpoint: bad })}`,
      );
      expect(response.status).toBe(400);
      expect((await response.json()).message).toMatch(/checkpoint/);
    }
    expect((await myWorkPage(server, official, null, 0)).status).toBe(400);
    expect((await myWorkPage(server, null, null)).status).toBe(401);
  });

  it('answers an empty page with the checkpoint it was given', async () => {
    const response = await myWorkPage(server, official, { id: '\uffff' });
    expect(await response.json()).toEqual({ documents: [], checkpoint: { id: '\uffff' } });
    const none = await myWorkPage(server, admin, null);
    expect(await none.json()).toEqual({ documents: [], checkpoint: null });
  });

  it('works out whose work the cases stored before the upgrade are in, without undoing a newer write', async () => {
    const stored = async () =>
      new Map(
        (
          await server.db.query<{ stream_id: string; waiting_on: string[] | null }>(
            'select stream_id, waiting_on from streams',
          )
        ).map((r) => [r.stream_id, r.waiting_on]),
      );
    const before = await stored();
    expect(before.get(cases.offered ?? '')).toEqual(['user:official']);
    expect(before.get(cases['in clearance'] ?? '')).toEqual(['user:clearance', 'user:official']);
    expect(before.get(cases.withdrawn ?? '')).toEqual([]);
    expect(before.get('org:calendar') ?? []).toEqual([]);
    // As a database from before migration 010 is, until the backfill has run.
    await server.db.query('update streams set waiting_on = null');
    expect(await myWorkAll(server, official)).toEqual([]);
    // An older process still running during the upgrade rewrites one case meanwhile (so its
    // last_seq moves and its waiting_on stays null): the answer worked out from the state read
    // before that must not land.
    const moved = cases['in progress'] ?? '';
    const racing: Queryable = {
      async query(sql, params) {
        if (sql.trim().startsWith('update streams'))
          await server.db.query('update streams set last_seq = last_seq + 1 where stream_id = $1', [moved]);
        return server.db.query(sql, params);
      },
    };
    const filled = await backfillWaitingOn(racing, { batchSize: 3 });
    const after = await stored();
    expect(after.get(moved)).toBeNull();
    expect(filled).toBe(before.size - 1);
    for (const [id, keys] of before) if (id !== moved) expect(after.get(id), id).toEqual(keys);
    // The next run fills it, from the state as it is now.
    expect(await backfillWaitingOn(server.db)).toBe(1);
    expect((await stored()).get(moved)).toEqual(before.get(moved));
  });
});
