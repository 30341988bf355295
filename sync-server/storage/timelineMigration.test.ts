// Migration 013 moves each case's timeline from rows of its own into its accepted event rows. A
// device that pulls after the upgrade must get the very documents it got before, every entry of
// every timeline included: the actor's and device's names and the summary come back from the
// old rows, matched to the right event.
import { describe, expect, it } from 'vitest';
import { pullDocumentsJson } from '../replication/pull';
import { freshSchemaName } from '../testing/databases';
import { type Database, openDatabase } from './database';
import { listMigrations, migrate } from './migrate';

const BEFORE_TIMELINE_FROM_EVENTS = 12;

/** Empty databases, not yet migrated: PGlite, and PostgreSQL (a fresh schema) when configured. */
function emptyDatabases(): { name: string; open: () => Promise<Database> }[] {
  const engines = [{ name: 'pglite', open: () => openDatabase({ kind: 'pglite', dataDir: undefined }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: 'postgres', open: () => openFreshSchema(url) });
  return engines;
}

/** A schema of its own, dropped (through its own connection) on close. */
async function openFreshSchema(url: string): Promise<Database> {
  const schema = freshSchemaName();
  const db = await openDatabase({ kind: 'postgres', url, schema });
  const close = async () => {
    await db.query(`drop schema "${schema}" cascade`);
    await db.close();
  };
  return { ...db, close };
}

const CASE_A = 'case:0192f0a0-0000-7000-8000-00000000000a';
const CASE_B = 'case:0192f0a0-0000-7000-8000-00000000000b';
const MADE_AT = '2026-03-02T09:15:00.000Z';
const ACCEPTED_AT = '2026-03-02T09:16:00.000Z';

type Accepted = {
  id: string;
  stream: string;
  seq: number;
  actor: string;
  actorName: string;
  summary: string;
  deviceName?: string;
  payload: Record<string, unknown>;
};

// Two cases whose events interleave in the log, names and summaries that differ for every event
// (with characters JSON must escape), a device name on some only, and a refused event in between:
// an entry matched to the wrong event, or a name lost, shows in the pulled documents.
const ACCEPTED: Accepted[] = [
  {
    id: 'e1',
    stream: CASE_A,
    seq: 1,
    actor: 'caseworker',
    actorName: 'Sam Okafor',
    summary: 'Logged FOI request “Bin collections”',
    deviceName: "Sam's iPad",
    payload: { caseType: 'foi', subject: 'Bin collections' },
  },
  {
    id: 'e2',
    stream: CASE_B,
    seq: 2,
    actor: 'caseworker',
    actorName: 'Sam Okafor',
    summary: 'Logged EIR request',
    payload: { caseType: 'eir', subject: 'Air quality', requester: { name: null } },
  },
  {
    id: 'e4',
    stream: CASE_A,
    seq: 3,
    actor: 'official',
    actorName: 'Priya "P" Shah',
    summary: 'Added a note: \\ back\nslash',
    deviceName: 'Desk PC',
    payload: { noteId: 'n1', text: 'Chased the ward figures.' },
  },
  {
    id: 'e5',
    stream: CASE_B,
    seq: 4,
    actor: 'official',
    actorName: 'Priya "P" Shah',
    summary: 'Allocated to Priya Shah (Waste policy)',
    payload: { allocationId: 'a1', to: 'official', teamId: 'waste-policy' },
  },
];

/** The log as the server left it at migration 012: event rows, and a timeline row per accepted one. */
async function seedAtTwelve(db: Database): Promise<void> {
  await db.query(
    `insert into users (user_id, username, display_name, roles, team_ids) values ('reader', 'reader', 'R', '{manager}', '{}')`,
  );
  for (const [i, stream] of [CASE_A, CASE_B].entries()) {
    const lastSeq = Math.max(...ACCEPTED.filter((e) => e.stream === stream).map((e) => e.seq));
    const document = {
      id: stream,
      collection: 'cases',
      lastSeq,
      updatedAt: ACCEPTED_AT,
      state: { kind: 'case', subject: `Case ${i}` },
      reference: `FOI-2026-0000${i}`,
      caseType: 'foi',
      status: 'open',
      dueDate: '2026-03-30',
      ownerIds: ['caseworker'],
      teamIds: ['waste-policy'],
    };
    await db.query(
      `insert into streams (stream_id, collection, document, last_seq, updated_at, waiting_on)
       values ($1, 'cases', $2::jsonb, $3, $4, '{}')`,
      [stream, JSON.stringify(document), lastSeq, ACCEPTED_AT],
    );
    await db.query(
      `insert into access (user_id, stream_id, collection, can_see, change_no) values ('reader', $1, 'cases', true, $2)`,
      [stream, 10 + i],
    );
  }
  for (const e of ACCEPTED) {
    await db.query(
      `insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, seq, accepted_at,
                           prev_hash, hash, pushed_by_user, pushed_by_device, change_no)
       values ($1, $2, 'note.added', $3, 'device-1', $4, $5::jsonb, 'accepted', $6, $7, 'p', 'h', $3, 'device-1', $6)`,
      [e.id, e.stream, e.actor, MADE_AT, JSON.stringify(e.payload), e.seq, ACCEPTED_AT],
    );
    const entry = {
      eventId: e.id,
      type: 'note.added',
      actor: e.actor,
      actorName: e.actorName,
      deviceId: 'device-1',
      ...(e.deviceName ? { deviceName: e.deviceName } : {}),
      madeAt: MADE_AT,
      acceptedAt: ACCEPTED_AT,
      summary: e.summary,
      payload: e.payload,
      seq: e.seq,
    };
    await db.query(`insert into timeline (stream_id, seq, entry) values ($1, $2, $3::jsonb)`, [
      e.stream,
      e.seq,
      JSON.stringify(entry),
    ]);
  }
  // Refused: kept for its author, on no timeline.
  await db.query(
    `insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, reason,
                         pushed_by_user, pushed_by_device, change_no)
     values ('e3', $1, 'note.added', 'caseworker', 'device-1', $2, '{}', 'rejected', 'Not allowed.',
             'caseworker', 'device-1', 5)`,
    [CASE_A, MADE_AT],
  );
}

/** The documents as the pull assembled them up to migration 012: document plus its timeline rows. */
async function documentsAtTwelve(db: Database): Promise<unknown[]> {
  const rows = await db.query<{ doc: unknown }>(
    `select (s.document - 'timeline') || jsonb_build_object('_deleted', false, 'timeline',
              coalesce((select jsonb_agg(t.entry order by t.seq) from timeline t where t.stream_id = s.stream_id),
                       '[]'::jsonb)) as doc
     from access a join streams s on s.stream_id = a.stream_id
     where a.user_id = 'reader' order by a.change_no`,
  );
  return rows.map((r) => r.doc);
}

describe.each(emptyDatabases())('migration 013 on $name', (engine) => {
  it('a device pulls the very same documents, every timeline entry included, after the upgrade', async () => {
    const db = await engine.open();
    try {
      await migrate(
        db,
        listMigrations().filter((m) => m.version <= BEFORE_TIMELINE_FROM_EVENTS),
      );
      await seedAtTwelve(db);
      const before = await documentsAtTwelve(db);
      // The seed is what it says: both cases, each with its own accepted events, in seq order.
      expect(
        before.map((d) => (d as { timeline: { eventId: string }[] }).timeline.map((t) => t.eventId)),
      ).toEqual([
        ['e1', 'e4'],
        ['e2', 'e5'],
      ]);

      expect(await migrate(db)).toContain('013_timeline_from_events.sql');
      const page = JSON.parse(await pullDocumentsJson(db, 'reader', 'cases', null, 100)) as {
        documents: unknown[];
      };
      expect(page.documents).toEqual(before);
      // The old rows are gone: nothing can read a stale copy of a timeline any more.
      expect(await db.query(`select to_regclass('timeline') as t`)).toEqual([{ t: null }]);
    } finally {
      await db.close();
    }
  });
});
