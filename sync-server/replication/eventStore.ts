// Appending pushed events to the one log. In ONE transaction per push: judge each event with the
// domain against its stream's current state, stamp accepted ones (seq, acceptedAt, prevHash,
// hash), keep refused ones with their reason, rewrite each touched stream document, move the
// access rows of everyone who sees (or stops seeing) it, and announce the change.
//
// Why checkpoints never skip: every number a reader pages by (seq, change_no) is handed out
// while holding a transaction-level advisory lock that is released only at commit. A second
// writer waits for the lock, so it cannot take a higher number and commit before a lower one is
// visible: number order = commit order, and a reader that has seen n has seen everything below n.
// The same lock orders the hash chain. It serialises pushes, so the time the lock is held is the
// throughput: under it the store makes exactly one read and one write round trip (set-based,
// data-modifying CTEs), and does its judging in memory between them (see bench/sync/server.ts).
import type { EventEnvelope } from '../../src/domain/events/envelope';
import type { Principal } from '../../src/domain/principal';
import { formatReference } from '../../src/domain/references';
import type { CollectionName, TimelineEntry } from '../../src/domain/streamDocument';
import { type Account, listAccounts, toPrincipal } from '../accounts/users';
import type { Database, Queryable } from '../storage/database';
import type { EventRow } from './eventRow';
import { chainHash } from './hashChain';
import {
  blobOf,
  canSee,
  caseTypeLogged,
  collectionOf,
  decide,
  describeEvent,
  isOrganisationWide,
  type StoredDocument,
  type StreamState,
  toStreamDocument,
} from './judge';

export const CHANGES_CHANNEL = 'clearway_changes';
// NOTIFY payloads must stay under 8000 bytes; beyond this many people, say "everyone".
const MAX_NOTIFIED_USERS = 150;

export type Pusher = { account: Account; deviceId: string };

export type ChangeNotice = {
  change: number;
  collections: CollectionName[];
  userIds: string[] | null;
  /** Whose outbox changed (accepted or refused events come back to the person who pushed). */
  pusherId: string;
};

export type PushResult = {
  accepted: string[];
  rejected: { id: string; reason: string }[];
  duplicates: string[];
  notice: ChangeNotice | null;
};

export type AppendOptions = {
  now?: () => Date;
  /** Test seam: runs inside the transaction, holding the lock, just before commit. */
  beforeCommit?: () => Promise<void>;
};

type WorkingStream = {
  state: StreamState | null;
  /** The stored timeline plus this push's entries; the document is rebuilt once per push. */
  timeline: TimelineEntry[] | null;
  document: StoredDocument | null;
  lastSeq: number;
  isTouched: boolean;
};

type LogSnapshot = {
  existing: string[];
  streams: { stream_id: string; state: StreamState; document: StoredDocument; last_seq: number }[];
  counters: { seq: number; change: number };
  head: string | null;
  visible: { user_id: string; stream_id: string }[];
  /** Last permanent reference number per case type, this year. */
  references: Record<string, number>;
};

type AccessRow = {
  user_id: string;
  stream_id: string;
  collection: string;
  can_see: boolean;
  change_no: number;
};

/** Takes the log's lock for the rest of the transaction (per schema, so test schemas do not contend). */
export async function lockLog(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || ':log'))`);
}

export async function appendEvents(
  db: Database,
  pusher: Pusher,
  events: readonly EventEnvelope[],
  options: AppendOptions = {},
): Promise<PushResult> {
  const now = (options.now ?? (() => new Date()))();
  const acceptedAt = now.toISOString();
  const year = now.getUTCFullYear();
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  if (unique.length === 0) return { accepted: [], rejected: [], duplicates: [], notice: null };
  // Read before the lock: who the people are changes rarely, and is not ordered by the log.
  const accounts = await listAccounts(db);
  const principals = accounts.map(toPrincipal);
  const names = new Map(accounts.map((a) => [a.userId, a.displayName]));
  const pusherPrincipal = toPrincipal(pusher.account);
  const streamIds = [...new Set(unique.map((e) => e.stream as string)), 'org:calendar'];

  return db.transaction(async (tx) => {
    await lockLog(tx);
    const snapshot = await readSnapshot(
      tx,
      unique.map((e) => e.id),
      streamIds,
      year,
    );
    const existing = new Set(snapshot.existing);
    const fresh = unique.filter((e) => !existing.has(e.id));
    const result: PushResult = { accepted: [], rejected: [], duplicates: [...existing], notice: null };
    if (fresh.length === 0) return result;

    const streams = new Map<string, WorkingStream>(
      snapshot.streams.map((r) => [
        r.stream_id,
        { state: r.state, timeline: null, document: r.document, lastSeq: r.last_seq, isTouched: false },
      ]),
    );
    const counters = { ...snapshot.counters };
    let prevHash = snapshot.head ?? '';
    const references = new Map(Object.entries(snapshot.references));
    const usedReferences = new Map<string, number>();
    const rows: EventRow[] = [];
    const blobRefs: { sha256: string; stream_id: string }[] = [];

    for (const event of fresh) {
      const working = streams.get(event.stream) ?? {
        state: null,
        timeline: null,
        document: null,
        lastSeq: 0,
        isTouched: false,
      };
      streams.set(event.stream, working);
      counters.change += 1;
      const base = {
        id: event.id,
        stream_id: event.stream,
        type: event.type,
        actor: event.actor,
        device_id: event.deviceId,
        made_at: event.madeAt,
        payload: event.payload,
        pushed_by_user: pusher.account.userId,
        pushed_by_device: pusher.deviceId,
        change_no: counters.change,
      };
      const identityProblem = checkIdentity(event, pusher);
      // A new case's permanent reference: the next number for its type this year.
      const caseType = working.state === null ? caseTypeLogged(event) : null;
      const referenceNumber = caseType ? (references.get(caseType) ?? 0) + 1 : undefined;
      const verdict = identityProblem
        ? ({ ok: false, reason: identityProblem } as const)
        : decide(working.state, event, pusherPrincipal, {
            now: acceptedAt,
            ...(caseType && referenceNumber
              ? { reference: formatReference(caseType, year, referenceNumber) }
              : {}),
          });
      if (!verdict.ok) {
        rows.push({
          ...base,
          status: 'rejected',
          reason: verdict.reason,
          seq: null,
          accepted_at: null,
          prev_hash: null,
          hash: null,
        });
        result.rejected.push({ id: event.id, reason: verdict.reason });
        continue;
      }
      if (caseType && referenceNumber) {
        references.set(caseType, referenceNumber);
        usedReferences.set(caseType, referenceNumber);
      }
      // The domain's parse fills defaults (a region, a requester type): the log keeps what it judged.
      const judged = verdict.event;
      counters.seq += 1;
      const seq = counters.seq;
      const hash = chainHash(prevHash, { ...judged, seq, acceptedAt });
      rows.push({
        ...base,
        payload: judged.payload,
        status: 'accepted',
        reason: null,
        seq,
        accepted_at: acceptedAt,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
      result.accepted.push(event.id);
      const sha = blobOf(judged);
      if (sha) blobRefs.push({ sha256: sha, stream_id: event.stream });
      working.state = verdict.state;
      working.lastSeq = seq;
      working.isTouched = true;
      working.timeline ??= [...(working.document?.timeline ?? [])];
      working.timeline.push({
        eventId: judged.id,
        type: judged.type,
        actor: judged.actor,
        actorName: names.get(judged.actor) ?? judged.actor,
        deviceId: judged.deviceId,
        madeAt: judged.madeAt,
        acceptedAt,
        seq,
        summary: describeEvent(judged, names),
        payload: judged.payload,
      });
    }

    // One document per touched stream, built after all its events are folded.
    const calendar = streams.get('org:calendar')?.state ?? null;
    const touched = [...streams.entries()].filter(([, s]) => s.isTouched && s.state !== null);
    for (const [id, working] of touched) {
      working.document = toStreamDocument(
        id,
        working.state!,
        working.timeline ?? [],
        working.lastSeq,
        acceptedAt,
        calendar,
      );
    }
    const accessRows = recomputeAccess(touched, principals, snapshot.visible, counters);
    const notifiedUsers = new Set(accessRows.map((r) => r.user_id));
    // Pushers hear about their own rejected events too (they come back through the outbox).
    notifiedUsers.add(pusher.account.userId);
    const notice: ChangeNotice = {
      change: counters.change,
      collections: [...new Set(touched.map(([id]) => collectionOf(id)))],
      userIds: notifiedUsers.size > MAX_NOTIFIED_USERS ? null : [...notifiedUsers],
      pusherId: pusher.account.userId,
    };
    await writeAll(tx, {
      events: rows,
      streams: touched.map(([id, s]) => ({
        stream_id: id,
        collection: collectionOf(id),
        document: s.document,
        last_seq: s.lastSeq,
        updated_at: acceptedAt,
      })),
      access: accessRows,
      blobRefs,
      references: [...usedReferences].map(([prefix, last]) => ({ prefix, year, last })),
      counters,
      notice,
    });
    result.notice = notice;
    await options.beforeCommit?.();
    return result;
  });
}

function checkIdentity(event: EventEnvelope, pusher: Pusher): string | null {
  if (event.actor !== pusher.account.userId) return 'You can only send changes in your own name.';
  if (event.deviceId !== pusher.deviceId) {
    return 'This change was made while signed in on another session of this device. Sign in again and make it once more.';
  }
  return null;
}

/** Everything the judging needs, in one round trip (run after taking the lock, so it is current). */
async function readSnapshot(
  tx: Queryable,
  ids: string[],
  streamIds: string[],
  year: number,
): Promise<LogSnapshot> {
  const [row] = await tx.query<{ snapshot: LogSnapshot }>(
    `select json_build_object(
       'existing', (select coalesce(json_agg(id), '[]') from events where id = any($1::text[])),
       'streams', (select coalesce(json_agg(json_build_object('stream_id', stream_id, 'state', document->'state',
                    'document', document, 'last_seq', last_seq)), '[]')
                   from streams where stream_id = any($2::text[])),
       'counters', (select json_object_agg(name, value) from counters),
       'head', (select hash from events where seq = (select value from counters where name = 'seq')),
       'visible', (select coalesce(json_agg(json_build_object('user_id', user_id, 'stream_id', stream_id)), '[]')
                   from access where stream_id = any($2::text[]) and can_see),
       'references', (select coalesce(json_object_agg(prefix, last), '{}') from reference_counters where year = $3)
     ) as snapshot`,
    [ids, streamIds, year],
  );
  if (!row) throw new Error('The log could not be read.');
  const snapshot = row.snapshot;
  if (snapshot.counters.seq > 0 && !snapshot.head) {
    throw new Error(`The log is damaged: accepted event ${snapshot.counters.seq} is missing.`);
  }
  return snapshot;
}

/**
 * Everyone who may now see a touched stream gets its access row moved forward (so the new
 * document reaches them); everyone who could see it and now may not gets `can_see = false`,
 * moved forward too (so a deletion reaches them). People who never saw it get no row.
 */
function recomputeAccess(
  touched: [string, WorkingStream][],
  principals: Principal[],
  visible: LogSnapshot['visible'],
  counters: { change: number },
): AccessRow[] {
  const couldSee = new Set(visible.map((r) => `${r.user_id}\n${r.stream_id}`));
  const rows: AccessRow[] = [];
  for (const [id, stream] of touched) {
    const collection = collectionOf(id);
    counters.change += 1;
    for (const principal of principals) {
      const isVisible = isOrganisationWide(id) || (stream.state !== null && canSee(principal, stream.state));
      if (!isVisible && !couldSee.has(`${principal.userId}\n${id}`)) continue;
      rows.push({
        user_id: principal.userId,
        stream_id: id,
        collection,
        can_see: isVisible,
        change_no: counters.change,
      });
    }
  }
  return rows;
}

type Writes = {
  events: EventRow[];
  streams: Record<string, unknown>[];
  access: AccessRow[];
  blobRefs: { sha256: string; stream_id: string }[];
  references: { prefix: string; year: number; last: number }[];
  counters: { seq: number; change: number };
  notice: ChangeNotice;
};

/** Every write of a push in one statement; the NOTIFY is delivered by PostgreSQL only at commit. */
async function writeAll(tx: Queryable, w: Writes): Promise<void> {
  await tx.query(
    `with
     ev as (
       insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
                           prev_hash, hash, pushed_by_user, pushed_by_device, change_no)
       select id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
              prev_hash, hash, pushed_by_user, pushed_by_device, change_no
       from jsonb_to_recordset($1::jsonb) as x(id text, stream_id text, type text, actor text, device_id text,
            made_at text, payload jsonb, status text, reason text, seq bigint, accepted_at text, prev_hash text,
            hash text, pushed_by_user text, pushed_by_device text, change_no bigint)),
     st as (
       insert into streams (stream_id, collection, document, last_seq, updated_at)
       select stream_id, collection, document, last_seq, updated_at
       from jsonb_to_recordset($2::jsonb) as x(stream_id text, collection text, document jsonb,
            last_seq bigint, updated_at text)
       on conflict (stream_id) do update set document = excluded.document,
         last_seq = excluded.last_seq, updated_at = excluded.updated_at),
     ac as (
       insert into access (user_id, stream_id, collection, can_see, change_no)
       select user_id, stream_id, collection, can_see, change_no
       from jsonb_to_recordset($3::jsonb) as x(user_id text, stream_id text, collection text, can_see boolean,
            change_no bigint)
       on conflict (user_id, stream_id) do update set can_see = excluded.can_see, change_no = excluded.change_no),
     br as (
       insert into blob_refs (sha256, stream_id)
       select sha256, stream_id from jsonb_to_recordset($4::jsonb) as x(sha256 text, stream_id text)
       on conflict do nothing),
     rc as (
       insert into reference_counters (prefix, year, last)
       select prefix, year, last from jsonb_to_recordset($5::jsonb) as x(prefix text, year int, last int)
       on conflict (prefix, year) do update set last = excluded.last),
     co as (
       update counters set value = case name when 'seq' then $6::bigint else $7::bigint end
       where name in ('seq', 'change'))
     select pg_notify($8, $9)`,
    [
      JSON.stringify(w.events),
      JSON.stringify(w.streams),
      JSON.stringify(w.access),
      JSON.stringify(w.blobRefs),
      JSON.stringify(w.references),
      w.counters.seq,
      w.counters.change,
      CHANGES_CHANNEL,
      JSON.stringify(w.notice),
    ],
  );
}
