// Appending pushed events to the one log. In ONE transaction per push: judge each event with the
// domain against its stream's current state, stamp accepted ones (seq, acceptedAt, prevHash,
// hash), keep refused ones with their reason, rewrite each touched stream document, move the
// access rows of everyone who sees (or stops seeing) it, and announce the change.
//
// Why checkpoints never skip: every number a reader pages by (seq, change_no) is handed out
// while holding a transaction-level advisory lock that is released only at commit. A second
// writer waits for the lock, so it cannot take a higher number and commit before a lower one is
// visible: number order = commit order, and a reader that has seen n has seen everything below n.
// The same lock orders the hash chain. It serialises pushes; each push is one short transaction
// with set-based writes, which is what keeps the throughput up (see bench/sync/server.ts).

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

export type ChangeNotice = { change: number; collections: CollectionName[]; userIds: string[] | null };

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

type StreamRow = { stream_id: string; state: StreamState; document: StoredDocument; last_seq: number };

type WorkingStream = {
  state: StreamState | null;
  document: StoredDocument | null;
  lastSeq: number;
  isTouched: boolean;
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
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  return db.transaction(async (tx) => {
    await lockLog(tx);
    const existing = new Set(
      (
        await tx.query<{ id: string }>('select id from events where id = any($1::text[])', [
          unique.map((e) => e.id),
        ])
      ).map((r) => r.id),
    );
    const fresh = unique.filter((e) => !existing.has(e.id));
    const result: PushResult = { accepted: [], rejected: [], duplicates: [...existing], notice: null };
    if (fresh.length === 0) return result;

    const streamIds = [...new Set(fresh.map((e) => e.stream as string))];
    const streams = await loadStreams(tx, [...streamIds, 'org:calendar']);
    const calendar = streams.get('org:calendar')?.state ?? null;
    const accounts = await listAccounts(tx);
    const names = new Map(accounts.map((a) => [a.userId, a.displayName]));
    const counters = await readCounters(tx);
    let prevHash = await chainHead(tx, counters.seq);
    const references = new Map<string, number>();
    const acceptedAt = now.toISOString();
    const rows: EventRow[] = [];
    const blobRefs: { sha256: string; stream_id: string }[] = [];

    for (const event of fresh) {
      const working = streams.get(event.stream) ?? {
        state: null,
        document: null,
        lastSeq: 0,
        isTouched: false,
      };
      streams.set(event.stream, working);
      const identityProblem = checkIdentity(event, pusher);
      const reference = identityProblem
        ? undefined
        : await nextReference(tx, event, working.state, now, references);
      const verdict = identityProblem
        ? ({ ok: false, reason: identityProblem } as const)
        : decide(working.state, event, toPrincipal(pusher.account), {
            now: acceptedAt,
            ...(reference ? { reference: reference.text } : {}),
          });
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
      if (reference) references.set(reference.key, reference.n);
      // The domain's parse fills defaults (a region, a requester type): the log keeps what it judged.
      const judged = verdict.event;
      counters.seq += 1;
      const seq = counters.seq;
      const hash = chainHash(prevHash, { ...event, seq, acceptedAt });
      rows.push({
        ...base,
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

      const entry: TimelineEntry = {
        eventId: event.id,
        type: event.type,
        actor: event.actor,
        actorName: names.get(event.actor) ?? event.actor,
        deviceId: event.deviceId,
        madeAt: event.madeAt,
        acceptedAt,
        seq,
        summary: describeEvent(judged, names),
        payload: judged.payload,
      };
      working.state = verdict.state;
      working.lastSeq = seq;
      working.isTouched = true;
      working.document = toStreamDocument(
        event.stream,
        verdict.state,
        [...(working.document?.timeline ?? []), entry],
        seq,
        acceptedAt,
        event.stream === 'org:calendar' ? verdict.state : calendar,
      );
    }

    await insertEvents(tx, rows);
    const touched = [...streams.entries()].filter(([, s]) => s.isTouched);
    const notifiedUsers = new Set<string>();
    if (touched.length > 0) {
      await upsertStreams(tx, touched);
      const accessRows = await recomputeAccess(tx, touched, accounts.map(toPrincipal), counters);
      for (const row of accessRows) notifiedUsers.add(row.user_id);
      await insertBlobRefs(tx, blobRefs);
      await saveReferences(tx, references);
    }
    // Pushers hear about their own rejected events too (they come back through the outbox).
    notifiedUsers.add(pusher.account.userId);
    await tx.query(`update counters set value = $1 where name = 'seq'`, [counters.seq]);
    await tx.query(`update counters set value = $1 where name = 'change'`, [counters.change]);

    const collections = new Set<CollectionName>(touched.map(([id]) => collectionOf(id)));
    const notice: ChangeNotice = {
      change: counters.change,
      collections: [...collections],
      userIds: notifiedUsers.size > MAX_NOTIFIED_USERS ? null : [...notifiedUsers],
    };
    // Delivered by PostgreSQL only when (and if) this transaction commits, to every process.
    await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
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

async function nextReference(
  tx: Queryable,
  event: EventEnvelope,
  state: StreamState | null,
  now: Date,
  taken: Map<string, number>,
): Promise<{ key: string; n: number; text: string } | undefined> {
  const caseType = state === null ? caseTypeLogged(event) : null;
  if (!caseType) return undefined;
  const year = now.getUTCFullYear();
  const key = `${caseType}:${year}`;
  let last = taken.get(key);
  if (last === undefined) {
    const [row] = await tx.query<{ last: number }>(
      'select last from reference_counters where prefix = $1 and year = $2',
      [caseType, year],
    );
    last = row?.last ?? 0;
  }
  const n = last + 1;
  return { key, n, text: formatReference(caseType, year, n) };
}

async function saveReferences(tx: Queryable, references: Map<string, number>): Promise<void> {
  for (const [key, last] of references) {
    const [prefix, year] = key.split(':');
    await tx.query(
      `insert into reference_counters (prefix, year, last) values ($1, $2, $3)
       on conflict (prefix, year) do update set last = excluded.last`,
      [prefix, Number(year), last],
    );
  }
}

async function loadStreams(tx: Queryable, ids: string[]): Promise<Map<string, WorkingStream>> {
  const rows = await tx.query<StreamRow>(
    'select stream_id, state, document, last_seq from streams where stream_id = any($1::text[])',
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.stream_id,
      { state: r.state, document: r.document, lastSeq: r.last_seq, isTouched: false },
    ]),
  );
}

async function readCounters(tx: Queryable): Promise<{ seq: number; change: number }> {
  const rows = await tx.query<{ name: string; value: number }>('select name, value from counters');
  const get = (name: string) => rows.find((r) => r.name === name)?.value ?? 0;
  return { seq: get('seq'), change: get('change') };
}

async function chainHead(tx: Queryable, seq: number): Promise<string> {
  if (seq === 0) return '';
  const [row] = await tx.query<{ hash: string }>('select hash from events where seq = $1', [seq]);
  if (!row) throw new Error(`The log is damaged: accepted event ${seq} is missing.`);
  return row.hash;
}

async function insertEvents(tx: Queryable, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
                         prev_hash, hash, pushed_by_user, pushed_by_device, change_no)
     select id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
            prev_hash, hash, pushed_by_user, pushed_by_device, change_no
     from jsonb_to_recordset($1::jsonb) as x(id text, stream_id text, type text, actor text, device_id text,
          made_at text, payload jsonb, status text, reason text, seq bigint, accepted_at text, prev_hash text,
          hash text, pushed_by_user text, pushed_by_device text, change_no bigint)`,
    [JSON.stringify(rows)],
  );
}

async function upsertStreams(tx: Queryable, touched: [string, WorkingStream][]): Promise<void> {
  const rows = touched.map(([id, s]) => ({
    stream_id: id,
    collection: collectionOf(id),
    state: s.state,
    document: s.document,
    last_seq: s.lastSeq,
    updated_at: s.document?.updatedAt ?? '',
  }));
  await tx.query(
    `insert into streams (stream_id, collection, state, document, last_seq, updated_at)
     select stream_id, collection, state, document, last_seq, updated_at
     from jsonb_to_recordset($1::jsonb) as x(stream_id text, collection text, state jsonb, document jsonb,
          last_seq bigint, updated_at text)
     on conflict (stream_id) do update set state = excluded.state, document = excluded.document,
       last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
    [JSON.stringify(rows)],
  );
}

type AccessRow = {
  user_id: string;
  stream_id: string;
  collection: string;
  can_see: boolean;
  change_no: number;
};

/**
 * Everyone who may now see a touched stream gets its access row moved forward (so the new
 * document reaches them); everyone who could see it and now may not gets `can_see = false`,
 * moved forward too (so a deletion reaches them). People who never saw it get no row.
 */
async function recomputeAccess(
  tx: Queryable,
  touched: [string, WorkingStream][],
  principals: Principal[],
  counters: { change: number },
): Promise<AccessRow[]> {
  const ids = touched.map(([id]) => id);
  const current = await tx.query<{ user_id: string; stream_id: string; can_see: boolean }>(
    'select user_id, stream_id, can_see from access where stream_id = any($1::text[])',
    [ids],
  );
  const couldSee = new Set(current.filter((r) => r.can_see).map((r) => `${r.user_id}\n${r.stream_id}`));
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
  await writeAccess(tx, rows);
  return rows;
}

export async function writeAccess(tx: Queryable, rows: AccessRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into access (user_id, stream_id, collection, can_see, change_no)
     select user_id, stream_id, collection, can_see, change_no
     from jsonb_to_recordset($1::jsonb) as x(user_id text, stream_id text, collection text, can_see boolean, change_no bigint)
     on conflict (user_id, stream_id) do update set can_see = excluded.can_see, change_no = excluded.change_no`,
    [JSON.stringify(rows)],
  );
}

async function insertBlobRefs(tx: Queryable, refs: { sha256: string; stream_id: string }[]): Promise<void> {
  if (refs.length === 0) return;
  await tx.query(
    `insert into blob_refs (sha256, stream_id)
     select sha256, stream_id from jsonb_to_recordset($1::jsonb) as x(sha256 text, stream_id text)
     on conflict do nothing`,
    [JSON.stringify(refs)],
  );
}
