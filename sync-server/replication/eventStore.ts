// Appending pushed events to the one log. In ONE transaction per push (or per group of pushes
// that waited for the lock together, see enqueue): judge each event with the
// domain against its stream's current state (and against how large a stream may grow,
// streamSize.ts), stamp accepted ones (seq, acceptedAt, prevHash, hash), keep refused ones with their reason, rewrite each touched stream document (and whose
// My work it is in, `waiting_on`), move the access rows of everyone who sees (or stops seeing)
// it, record the files its events reference with who referenced them (blobs/blobAccess.ts),
// and announce the change.
//
// Why checkpoints never skip: every number a reader pages by (seq, change_no) is handed out
// while holding a transaction-level advisory lock that is released only at commit. A second
// writer waits for the lock, so it cannot take a higher number and commit before a lower one is
// visible: number order = commit order, and a reader that has seen n has seen everything below n.
// The same lock orders the hash chain. It serialises pushes, so the time the lock is held is the
// throughput: the round trip that begins the transaction takes it and then reads the log (no
// states this process already holds, see StateCache), and one more writes everything (set-based,
// data-modifying CTEs) before the commit. Judging, each accepted row's text, the documents (a
// state's text made from the text of the state before it, stateJson.ts) and most of each hash
// are worked out before the lock and only checked and numbered under it. A stream's timeline is
// not written at all: pull.ts reads it from the accepted event rows, which carry the entry's
// own fields too (migration 013), so each accepted event is one row (see bench/sync/server.ts).
// Caveat: a touched stream's document is still written whole, so PostgreSQL's part of a push
// grows with the case (its notes, marks...). Patching the stored jsonb instead was measured
// slower: each jsonb `||` or `-` rebuilds the whole value. Keeping the growing lists in rows,
// as the timeline is kept in the event rows, would remove it (and change how pull.ts assembles
// documents).
import type { EventEnvelope } from '../../src/domain/events/envelope';
import type { Principal } from '../../src/domain/principal';
import { formatReference } from '../../src/domain/references';
import type { CollectionName } from '../../src/domain/streamDocument';
import { type Account, listAccounts, toPrincipal } from '../accounts/users';
import { insertBlobRefs } from '../blobs/blobAccess';
import type { Database, Queryable } from '../storage/database';
import { sqlLiteral } from '../storage/sqlLiteral';
import type { EventRow } from './eventRow';
import { type ChainParts, chainHashOf, chainParts } from './hashChain';
import {
  blobOf,
  canSee,
  caseTypeLogged,
  collectionOf,
  decide,
  describeEvent,
  documentSummary,
  isOrganisationWide,
  myWorkKeys,
  type StreamState,
  type Verdict,
} from './judge';
import { stateJson } from './stateJson';
import { costOf, NEW_STREAM_CHARS, refusalFor } from './streamSize';

export const CHANGES_CHANNEL = 'clearway_changes';
// NOTIFY payloads must stay under 8000 bytes; beyond this many people, say "everyone".
const MAX_NOTIFIED_USERS = 150;

/** Who pushes: the signed-in person and device session (its name goes on the timeline). */
export type Pusher = { account: Account; deviceId: string; deviceName?: string };

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
  /**
   * A production server's: demo people a demo left in the database do not count. They cannot
   * sign in there, so work given to them would wait for ever: it is refused, and they see nothing.
   */
  isDemoLeftOut?: boolean;
  /**
   * The cap on a stream's pulled document, in characters (CLEARWAY_MAX_STREAM_MB, see
   * streamSize.ts): a large event that would take its stream over is refused; small ones go
   * through up to a hard ceiling of twice the cap. Absent: no cap, as for
   * the changes the server records itself (personAccess.ts), which no device can send.
   */
  maxStreamChars?: number;
  /** Test seam: runs inside the transaction, holding the lock, just before commit. */
  beforeCommit?: () => Promise<void>;
};

/** `people` moves when someone's roles or teams change (personAccess.ts); pushes only read it. */
type Counters = { seq: number; change: number; people: number };

type LogSnapshot = {
  existing: string[];
  /** Without their documents: a push writes each touched one whole (see writeSql), so it never reads them. */
  streams: StreamRow[];
  counters: Counters;
  head: string | null;
  visible: { user_id: string; stream_id: string }[];
  /** Last permanent reference number per case type, this year. */
  references: Record<string, number>;
};

/**
 * `size_chars`: roughly how long its pulled document is (streamSize.ts). It moves only when the
 * stream's events are accepted, as `last_seq` does, so the same last_seq means the same size:
 * whatever was judged against one (a verdict reused under the lock, a cached state) holds for both.
 */
type StreamRow = { stream_id: string; state: StreamState; last_seq: number; size_chars: number };

/**
 * The states this process last read or wrote, by stream, with the `last_seq` they are at. Every
 * state change is an accepted event, which moves `last_seq`, so a cached state whose seq is still
 * the stored one is the stored state (whichever process wrote it): reads send only the seqs they
 * hold and get back only states that moved. A case's state grows with its notes and marks, and
 * reading it back under the lock was most of a push's cost.
 */
type StateCache = Map<string, { state: StreamState; last_seq: number }>;
const stateCaches = new WeakMap<Database, StateCache>();
const MAX_CACHED_STATES = 2_000;

function stateCacheOf(db: Database): StateCache {
  const cache = stateCaches.get(db) ?? new Map();
  stateCaches.set(db, cache);
  return cache;
}

function remember(cache: StateCache, rows: Iterable<StreamRow>): void {
  for (const row of rows) {
    // A read that finishes late must not put an older state over a newer one.
    const known = cache.get(row.stream_id);
    if (known && known.last_seq > row.last_seq) continue;
    // Oldest first out: delete and set again so a stream in use stays at the young end.
    cache.delete(row.stream_id);
    cache.set(row.stream_id, { state: row.state, last_seq: row.last_seq });
  }
  for (const id of cache.keys()) {
    if (cache.size <= MAX_CACHED_STATES) break;
    cache.delete(id);
  }
}

type AccessRow = {
  user_id: string;
  stream_id: string;
  collection: string;
  can_see: boolean;
  change_no: number;
};

/** Takes the log's lock for the rest of the transaction (per schema, so test schemas do not contend). */
export const LOCK_LOG = `select pg_advisory_xact_lock(hashtext(current_schema() || ':log'))`;

export async function lockLog(tx: Queryable): Promise<void> {
  await tx.query(LOCK_LOG);
}

/** Who is pushing and when, for judging; the events once each; the ids and streams to read. */
function batchOf(pusher: Pusher, events: readonly EventEnvelope[], now: Date, options: AppendOptions) {
  const ctx: JudgingContext = {
    pusher,
    principal: toPrincipal(pusher.account),
    acceptedAt: now.toISOString(),
    year: now.getUTCFullYear(),
    names: new Map(),
    maxStreamChars: options.maxStreamChars ?? Number.POSITIVE_INFINITY,
  };
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const ids = unique.map((e) => e.id);
  const streamIds = [...new Set(unique.map((e) => e.stream as string)), 'org:calendar'];
  return { ctx, unique, ids, streamIds };
}

export async function appendEvents(
  db: Database,
  pusher: Pusher,
  events: readonly EventEnvelope[],
  options: AppendOptions = {},
): Promise<PushResult> {
  // Before the lock: who the people are (changes rarely, not ordered by the log), and an
  // optimistic judgement against the log as it is now. Judging is the costly part; under the
  // lock it is reused when nothing it read has moved, and redone only when something has.
  // The snapshot first: should people change in between, its `people` count is the older one,
  // and the check under the lock (commitGroup) reads them again.
  const cache = stateCacheOf(db);
  const now = (options.now ?? (() => new Date()))();
  const judged = await judgedJob(db, pusher, events, now, cache, options);
  if (!judged) return nothingPushed();
  prepare(judged.earlyJudgement, judged.ctx);
  return new Promise<PushResult>((resolve, reject) => enqueue(db, { ...judged, resolve, reject }, cache));
}

const nothingPushed = (): PushResult => ({ accepted: [], rejected: [], duplicates: [], notice: null });

/** Reads the log and the people, and judges the events against them; null when there are none. */
async function judgedJob(
  db: Queryable,
  pusher: Pusher,
  events: readonly EventEnvelope[],
  now: Date,
  cache: StateCache,
  options: AppendOptions,
): Promise<Omit<Job, 'resolve' | 'reject'> | null> {
  const { ctx, unique, ids, streamIds } = batchOf(pusher, events, now, options);
  if (unique.length === 0) return null;
  const early = await readSnapshot(db, ids, streamIds, ctx.year, cache);
  const principals = withPeople(ctx, countedPeople(await listAccounts(db), options));
  const earlyJudgement = judgeBatch(early, unique, ctx);
  return { ctx, unique, ids, streamIds, early, earlyJudgement, principals, options };
}

/**
 * For a change the server records itself, inside a transaction that already holds the log's
 * lock (personAccess.ts): judged, numbered, chained and written like a push, in that transaction.
 */
export async function appendHoldingLock(
  tx: Queryable,
  pusher: Pusher,
  events: readonly EventEnvelope[],
  now: Date,
): Promise<PushResult> {
  // Its own cache: what this transaction reads is not committed yet.
  const judged = await judgedJob(tx, pusher, events, now, new Map(), {});
  if (!judged) return nothingPushed();
  const job: Job = { ...judged, resolve: () => undefined, reject: () => undefined };
  // The caller holds the lock, so the log read above is still the log as it is.
  const { results } = await commitGroup(tx, [job], job.early);
  const [result] = results;
  if (!result) throw new Error('The change could not be recorded.');
  return result;
}

/** A push judged optimistically, waiting for its turn under the log's lock. */
type Job = {
  ctx: JudgingContext;
  unique: EventEnvelope[];
  ids: string[];
  streamIds: string[];
  early: LogSnapshot;
  earlyJudgement: Judgement;
  principals: Principal[];
  options: AppendOptions;
  resolve: (result: PushResult) => void;
  reject: (error: unknown) => void;
};

// Group commit: the pushes that arrive while a group holds the lock wait here, and the next
// group takes them ALL in one transaction: one lock, one read, one write, one commit (the
// commit's flush to disk is what a push mostly waited for). Numbers are still handed out under
// the lock, in the order the pushes are judged, so checkpoints and the chain are unchanged.
const queues = new WeakMap<Database, { waiting: Job[]; isRunning: boolean; cache: StateCache }>();
// A group's size is bounded so one statement's JSON stays moderate.
const MAX_GROUP_EVENTS = 5_000;

function enqueue(db: Database, job: Job, cache: StateCache): void {
  const queue = queues.get(db) ?? { waiting: [], isRunning: false, cache };
  queues.set(db, queue);
  queue.waiting.push(job);
  if (queue.isRunning) return;
  queue.isRunning = true;
  void (async () => {
    while (queue.waiting.length > 0) await runGroup(db, takeGroup(queue.waiting), queue.cache);
    queue.isRunning = false;
  })();
}

/** The oldest waiting pushes of one year (reference numbers count per year), up to the bound. */
function takeGroup(waiting: Job[]): Job[] {
  const year = waiting[0]?.ctx.year;
  const group: Job[] = [];
  let events = 0;
  for (let i = 0; i < waiting.length; ) {
    const job = waiting[i];
    if (
      !job ||
      job.ctx.year !== year ||
      (group.length > 0 && events + job.unique.length > MAX_GROUP_EVENTS)
    ) {
      i += 1;
      continue;
    }
    group.push(job);
    events += job.unique.length;
    waiting.splice(i, 1);
  }
  return group;
}

async function runGroup(db: Database, group: Job[], cache: StateCache): Promise<void> {
  try {
    // One round trip takes the lock and reads the log as it is under it.
    const read = snapshotSql(groupIds(group), groupStreams(group), group[0]?.ctx.year ?? 0, cache);
    const { results, written } = await db.transaction(
      (tx, rows, endWith) => commitGroup(tx, group, toSnapshot(rows, read.held, cache), endWith),
      `${LOCK_LOG}; ${read.sql}`,
    );
    // Only once committed are the states this group wrote the stored ones.
    remember(cache, written);
    // A document's text is reused only within its push (the next has another acceptedAt): let it
    // go now rather than keep a second copy of every cached case alive.
    for (const row of written) preparedDocuments.delete(row.state);
    for (const [i, job] of group.entries()) job.resolve(results[i] as PushResult);
  } catch (error) {
    if (group.length === 1) {
      group[0]?.reject(error);
      return;
    }
    // One push's failure must not fail the others: each alone, so only the failing one fails.
    for (const job of group) await runGroup(db, [job], cache);
  }
}

/** Under the lock: judges, stamps and writes every push of the group in order, as one. */
const groupIds = (group: Job[]) => [...new Set(group.flatMap((job) => job.ids))];
const groupStreams = (group: Job[]) => [...new Set(group.flatMap((job) => job.streamIds))];

/** Holding the log's lock, with `snapshot` read under it: judges, stamps and writes the group. */
async function commitGroup(
  tx: Queryable,
  group: Job[],
  snapshot: LogSnapshot,
  /** Sends the write with the commit, in one round trip (absent: written here and now). */
  endWith?: (sql: string) => void,
): Promise<{ results: PushResult[]; written: StreamRow[] }> {
  const live = toLiveLog(snapshot);
  // Someone's roles or teams changed since a push read them (personAccess.ts): judge it, and
  // work out who sees its streams, with people as they are now.
  const isStale = (job: Job) => job.early.counters.people !== live.counters.people;
  if (group.some(isStale)) {
    const accounts = await listAccounts(tx);
    for (const job of group.filter(isStale))
      job.principals = withPeople(job.ctx, countedPeople(accounts, job.options));
  }
  const results: PushResult[] = [];
  const writes: Writes[] = [];
  for (const job of group) {
    const snapshot = viewOf(live, job);
    const earlier = isStale(job) ? undefined : { snapshot: job.early, judgement: job.earlyJudgement };
    const judgement = judgeBatch(snapshot, job.unique, job.ctx, earlier);
    const result: PushResult = {
      accepted: [],
      rejected: [],
      duplicates: [...new Set(snapshot.existing)],
      notice: null,
    };
    results.push(result);
    if (judgement.outcomes.length === 0) continue;
    const stamped = stamp(judgement, snapshot, job.ctx, job.principals);
    for (const row of stamped.events) {
      if (row.status === 'accepted') result.accepted.push(row.id);
      else result.rejected.push({ id: row.id, reason: row.reason ?? '' });
    }
    result.notice = stamped.notice;
    advance(live, judgement, stamped);
    writes.push(stamped);
  }
  const merged = mergeWrites(writes);
  const write = writes.length > 0 ? writeSql(merged) : null;
  // The test seam runs after the write and before the commit, so it needs a trip of its own.
  const hasSeam = group.some((job) => job.options.beforeCommit);
  if (write && endWith && !hasSeam) endWith(write);
  else if (write) await tx.query(write);
  for (const job of group) await job.options.beforeCommit?.();
  const written = merged.streams.flatMap((row) => {
    const state = live.streams.get(row.stream_id);
    return state ? [{ stream_id: row.stream_id, ...state }] : [];
  });
  return { results, written };
}

/** The log as the group has left it so far: what was read under the lock, plus earlier pushes. */
type LiveLog = {
  known: Set<string>;
  streams: Map<string, Omit<StreamRow, 'stream_id'>>;
  counters: Counters;
  head: string | null;
  visible: Set<string>;
  references: Record<string, number>;
};

const accessKey = (userId: string, streamId: string) => `${userId}\n${streamId}`;

function toLiveLog(snapshot: LogSnapshot): LiveLog {
  return {
    known: new Set(snapshot.existing),
    streams: new Map(snapshot.streams.map(({ stream_id, ...row }) => [stream_id, row])),
    counters: { ...snapshot.counters },
    head: snapshot.head,
    visible: new Set(snapshot.visible.map((r) => accessKey(r.user_id, r.stream_id))),
    references: { ...snapshot.references },
  };
}

/** What one push would have read under the lock had it been alone: only its own ids and streams. */
function viewOf(live: LiveLog, job: Job): LogSnapshot {
  const streams: LogSnapshot['streams'] = [];
  const visible: LogSnapshot['visible'] = [];
  for (const streamId of job.streamIds) {
    const row = live.streams.get(streamId);
    if (row) streams.push({ stream_id: streamId, ...row });
  }
  for (const key of live.visible) {
    const [userId = '', streamId = ''] = key.split('\n');
    if (job.streamIds.includes(streamId)) visible.push({ user_id: userId, stream_id: streamId });
  }
  return {
    existing: job.ids.filter((id) => live.known.has(id)),
    streams,
    counters: { ...live.counters },
    head: live.head,
    visible,
    references: { ...live.references },
  };
}

function advance(live: LiveLog, judgement: Judgement, stamped: Writes): void {
  for (const row of stamped.events) {
    live.known.add(row.id);
    if (row.hash) live.head = row.hash;
  }
  for (const row of stamped.streams) {
    const state = judgement.streams.get(row.stream_id)?.state;
    if (state) live.streams.set(row.stream_id, { state, last_seq: row.last_seq, size_chars: row.size_chars });
  }
  for (const row of stamped.access) {
    const key = accessKey(row.user_id, row.stream_id);
    if (row.can_see) live.visible.add(key);
    else live.visible.delete(key);
  }
  for (const row of stamped.references) live.references[row.prefix] = row.last;
  live.counters = { ...stamped.counters };
}

/** The group's writes as one: a stream or access row touched twice is written once, as last left. */
function mergeWrites(all: Writes[]): GroupWrites {
  const streams = new Map<string, Writes['streams'][number]>();
  const access = new Map<string, AccessRow>();
  const references = new Map<string, Writes['references'][number]>();
  const blobRefs = new Map<string, Writes['blobRefs'][number]>();
  for (const w of all) {
    // A later push's document of the same stream is the later state; event rows all stay.
    for (const row of w.streams) streams.set(row.stream_id, row);
    for (const row of w.access) access.set(accessKey(row.user_id, row.stream_id), row);
    for (const row of w.references) references.set(`${row.prefix}\n${row.year}`, row);
    for (const row of w.blobRefs) blobRefs.set(`${row.sha256}\n${row.stream_id}`, row);
  }
  const last = all.at(-1);
  return {
    events: all.flatMap((w) => w.events),
    streams: [...streams.values()],
    access: [...access.values()],
    blobRefs: [...blobRefs.values()],
    references: [...references.values()],
    counters: last?.counters ?? { seq: 0, change: 0, people: 0 },
    notices: all.map((w) => w.notice),
  };
}

/** The people the log judges with: everyone, or on a production server everyone but demo people. */
const countedPeople = (accounts: Account[], options: AppendOptions) =>
  options.isDemoLeftOut ? accounts.filter((account) => !account.isDemo) : accounts;

/** Sets the pusher's principal and everyone's names from `accounts`; returns everyone's principals. */
function withPeople(ctx: JudgingContext, accounts: Account[]): Principal[] {
  ctx.names = new Map(accounts.map((a) => [a.userId, a.displayName]));
  const pusher = accounts.find((a) => a.userId === ctx.pusher.account.userId);
  if (pusher) ctx.principal = toPrincipal(pusher);
  return accounts.map(toPrincipal);
}

type JudgingContext = {
  pusher: Pusher;
  principal: Principal;
  acceptedAt: string;
  year: number;
  names: Map<string, string>;
  /** AppendOptions.maxStreamChars; Infinity when there is none. */
  maxStreamChars: number;
};

type Outcome = { event: EventEnvelope; verdict: Verdict };
type Earlier = { snapshot: LogSnapshot; judgement: Judgement };

type WorkingStream = {
  from: StreamState | null;
  state: StreamState | null;
  lastSeq: number;
  /** Its size_chars with this push's accepted events so far (streamSize.ts). */
  size: number;
  accepted: EventEnvelope[];
};

type Judgement = {
  outcomes: Outcome[];
  /** The reference number each new case got, by its case.logged event id. */
  referenceOf: Map<string, number>;
  /** Per stream: its state before (`from`) and after this push's accepted events, and those events in order. */
  streams: Map<string, WorkingStream>;
  usedReferences: Map<string, number>;
};

/**
 * Runs every new event of the push through the domain, in order, against `snapshot`. Pure.
 * With `earlier` (the same push judged against an earlier read), a stream's verdicts are reused
 * when nothing they depended on moved: the stream's last seq, and a new case's reference number.
 * Streams are judged independently of one another, so this is the same as judging afresh.
 */
function judgeBatch(
  snapshot: LogSnapshot,
  unique: EventEnvelope[],
  ctx: JudgingContext,
  earlier?: Earlier,
): Judgement {
  const earlierSeq = new Map(earlier?.snapshot.streams.map((r) => [r.stream_id, r.last_seq]));
  const nowSeq = new Map(snapshot.streams.map((r) => [r.stream_id, r.last_seq]));
  const earlierVerdicts = new Map(earlier?.judgement.outcomes.map((o) => [o.event.id, o.verdict]));
  // Known ids only grow, so the same count means the same ids: no event became a duplicate since.
  const isSameKnown = earlier !== undefined && earlier.snapshot.existing.length === snapshot.existing.length;
  const isReusable = new Map<string, boolean>();
  const referenceOf = new Map<string, number>();
  const existing = new Set(snapshot.existing);
  const streams: Judgement['streams'] = new Map(
    snapshot.streams.map((r) => [
      r.stream_id,
      { from: r.state, state: r.state, lastSeq: r.last_seq, size: r.size_chars, accepted: [] },
    ]),
  );
  const references = new Map(Object.entries(snapshot.references));
  const usedReferences = new Map<string, number>();
  const outcomes: Outcome[] = [];
  for (const event of unique) {
    if (existing.has(event.id)) continue;
    // A stream the log does not hold yet starts with its document's own fields (streamSize.ts).
    const working = streams.get(event.stream) ?? {
      from: null,
      state: null,
      lastSeq: 0,
      size: NEW_STREAM_CHARS,
      accepted: [],
    };
    streams.set(event.stream, working);
    const problem = checkIdentity(event, ctx.pusher) ?? checkRecipient(event, ctx.names);
    // A new case's permanent reference: the next number for its type this year.
    const caseType = working.state === null ? caseTypeLogged(event) : null;
    const referenceNumber = caseType ? (references.get(caseType) ?? 0) + 1 : undefined;
    if (!isReusable.has(event.stream)) {
      isReusable.set(event.stream, isSameKnown && earlierSeq.get(event.stream) === nowSeq.get(event.stream));
    }
    // A new case judged with another reference number: judge it (and what follows) afresh.
    if (caseType && earlier?.judgement.referenceOf.get(event.id) !== referenceNumber)
      isReusable.set(event.stream, false);
    const reused = isReusable.get(event.stream) ? earlierVerdicts.get(event.id) : undefined;
    const decided: Verdict =
      reused ??
      (problem
        ? { ok: false, reason: problem }
        : decide(working.state, event, ctx.principal, {
            now: ctx.acceptedAt,
            ...(caseType && referenceNumber
              ? { reference: formatReference(caseType, ctx.year, referenceNumber) }
              : {}),
          }));
    // The server's own guard, after the domain's rules (whose reasons come first): a large event
    // that would take its stream over the cap is refused, a small one (a close, a status change)
    // only past the hard ceiling, so a full stream can still be closed (streamSize.ts). A reused
    // verdict passes it again, to the same end: its stream is at the same last_seq, so at the
    // same size (see StreamRow).
    const cost = decided.ok ? costOf(decided.event) : 0;
    const tooLarge = decided.ok ? refusalFor(event.stream, working.size, cost, ctx.maxStreamChars) : null;
    const verdict: Verdict = tooLarge ? { ok: false, reason: tooLarge } : decided;
    outcomes.push({ event, verdict });
    if (!verdict.ok) continue;
    working.size += cost;
    if (caseType && referenceNumber) {
      referenceOf.set(event.id, referenceNumber);
      references.set(caseType, referenceNumber);
      usedReferences.set(caseType, referenceNumber);
    }
    working.state = verdict.state;
    // The domain's parse fills defaults (a region, a requester type): the log keeps what it judged.
    working.accepted.push(verdict.event);
  }
  return { outcomes, referenceOf, streams, usedReferences };
}

/**
 * Under the lock: hands out seq and change numbers in order, chains the hashes, builds each
 * touched stream's document once, and moves the access rows.
 */
function stamp(
  judgement: Judgement,
  snapshot: LogSnapshot,
  ctx: JudgingContext,
  principals: Principal[],
): Writes {
  const { pusher, acceptedAt } = ctx;
  const counters = { ...snapshot.counters };
  let prevHash = snapshot.head ?? '';
  const seqOf = new Map<string, number>();
  const events: Writes['events'] = [];
  const blobRefs: Writes['blobRefs'] = [];
  for (const { event, verdict } of judgement.outcomes) {
    counters.change += 1;
    if (!verdict.ok) {
      const row: EventRow = {
        id: event.id,
        stream_id: event.stream,
        type: event.type,
        actor: event.actor,
        device_id: event.deviceId,
        made_at: event.madeAt,
        payload: event.payload,
        status: 'rejected',
        reason: verdict.reason,
        seq: null,
        accepted_at: null,
        prev_hash: null,
        hash: null,
        pushed_by_user: pusher.account.userId,
        pushed_by_device: pusher.deviceId,
        change_no: counters.change,
      };
      events.push({
        id: event.id,
        status: 'rejected',
        reason: verdict.reason,
        hash: null,
        json: JSON.stringify(row),
      });
      continue;
    }
    const judged = verdict.event;
    counters.seq += 1;
    const seq = counters.seq;
    const prepared = prepareEvent(judged, ctx);
    const hash = chainHashOf(prevHash, prepared.chain, seq);
    // The row's text: what was made before the lock, then what is known only under it.
    const json = `{${prepared.row},"status":"accepted","seq":${seq},"prev_hash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)},"change_no":${counters.change}}`;
    events.push({ id: judged.id, status: 'accepted', reason: null, hash, json });
    prevHash = hash;
    seqOf.set(judged.id, seq);
    // Who referenced the file goes with the reference: naming a hash is not a key to the file
    // (blobs/blobAccess.ts decides whether this reference lets the stream's people open it).
    const sha = blobOf(judged);
    if (sha) blobRefs.push({ sha256: sha, stream_id: event.stream, referenced_by: pusher.account.userId });
  }

  // One document per touched stream, built after all its events are folded.
  const calendar = calendarOf(judgement);
  const touched: [string, StreamState][] = [];
  const streams: Writes['streams'] = [];
  for (const [id, working] of judgement.streams) {
    if (working.accepted.length === 0 || working.state === null) continue;
    const prepared = prepareDocument(id, working.state, working.from, acceptedAt, calendar);
    streams.push({
      stream_id: id,
      collection: collectionOf(id),
      document: prepared.json,
      waiting_on: prepared.waitingOn,
      last_seq: seqOf.get(working.accepted.at(-1)?.id ?? '') ?? working.lastSeq,
      size_chars: working.size,
      updated_at: acceptedAt,
    });
    touched.push([id, working.state]);
  }
  const access = recomputeAccess(touched, principals, snapshot.visible, counters);
  const notifiedUsers = new Set(access.map((r) => r.user_id));
  // Pushers hear about their own rejected events too (they come back through the outbox).
  notifiedUsers.add(pusher.account.userId);
  return {
    events,
    streams,
    access,
    blobRefs,
    references: [...judgement.usedReferences].map(([prefix, last]) => ({ prefix, year: ctx.year, last })),
    counters,
    notice: {
      change: counters.change,
      collections: [...new Set(touched.map(([id]) => collectionOf(id)))],
      userIds: notifiedUsers.size > MAX_NOTIFIED_USERS ? null : [...notifiedUsers],
      pusherId: pusher.account.userId,
    },
  };
}

// What stamping needs that depends only on a verdict and the push (not on seq or the chain's
// head) is worked out before the lock, and found again under it for the very same event object.
// That is exact because a prepared event depends only on the event, the push's context and the
// names it was made with, and all three are checked when it is found again.
type PreparedEvent = {
  ctx: JudgingContext;
  names: JudgingContext['names'];
  chain: ChainParts;
  /**
   * The accepted row's fields that do not depend on its place in the log, as JSON without its
   * braces (stamp adds the rest); with what its timeline entry adds to the row (pull.ts).
   */
  row: string;
};
const preparedEvents = new WeakMap<EventEnvelope, PreparedEvent>();
type PreparedDocument = {
  stream: string;
  acceptedAt: string;
  calendar: StreamState | null;
  json: string;
  /** Whose My work it is in (`streams.waiting_on`, migration 010): depends on the state alone. */
  waitingOn: string[];
};
const preparedDocuments = new WeakMap<StreamState, PreparedDocument>();

function prepareEvent(judged: EventEnvelope, ctx: JudgingContext): PreparedEvent {
  const known = preparedEvents.get(judged);
  if (known && known.ctx === ctx && known.names === ctx.names) return known;
  const { acceptedAt, names, pusher } = ctx;
  const row = {
    id: judged.id,
    stream_id: judged.stream,
    type: judged.type,
    actor: judged.actor,
    device_id: judged.deviceId,
    made_at: judged.madeAt,
    payload: judged.payload,
    accepted_at: acceptedAt,
    pushed_by_user: pusher.account.userId,
    pushed_by_device: pusher.deviceId,
    // For the timeline entry only, which pull.ts makes from the row (migration 013).
    actor_name: names.get(judged.actor) ?? judged.actor,
    summary: describeEvent(judged, names),
    // checkIdentity accepts only events made on the pushing device, so this is its name.
    ...(pusher.deviceName ? { device_name: pusher.deviceName } : {}),
  };
  const prepared = {
    ctx,
    names,
    chain: chainParts({ ...judged, acceptedAt }),
    row: JSON.stringify(row).slice(1, -1),
  };
  preparedEvents.set(judged, prepared);
  return prepared;
}

/**
 * The stream's document as JSON, without its timeline (pull.ts reads it from the events) and
 * lastSeq (writeSql adds it): the summary fields, then the state, whose text is made from that
 * of `from` (the state this push folded onto), so its cost is what the push added, not the size
 * of the case.
 * With it, whose My work the stream is in, which the same row stores.
 */
function prepareDocument(
  stream: string,
  state: StreamState,
  from: StreamState | null,
  acceptedAt: string,
  calendar: StreamState | null,
): PreparedDocument {
  const known = preparedDocuments.get(state);
  if (known && known.stream === stream && known.acceptedAt === acceptedAt && known.calendar === calendar)
    return known;
  const fields = JSON.stringify({
    id: stream,
    collection: collectionOf(stream),
    updatedAt: acceptedAt,
    ...documentSummary(stream, state, calendar),
  });
  const json = `${fields.slice(0, -1)},"state":${stateJson(state, from)}}`;
  const prepared = { stream, acceptedAt, calendar, json, waitingOn: myWorkKeys(state) };
  preparedDocuments.set(state, prepared);
  return prepared;
}

const calendarOf = (judgement: Judgement) => judgement.streams.get('org:calendar')?.state ?? null;

/** Before the lock: the hash parts, row text and documents of an optimistic judgement. */
function prepare(judgement: Judgement, ctx: JudgingContext): void {
  for (const { verdict } of judgement.outcomes) if (verdict.ok) prepareEvent(verdict.event, ctx);
  const calendar = calendarOf(judgement);
  for (const [id, working] of judgement.streams) {
    if (working.accepted.length > 0 && working.state !== null)
      prepareDocument(id, working.state, working.from, ctx.acceptedAt, calendar);
  }
}

function checkIdentity(event: EventEnvelope, pusher: Pusher): string | null {
  if (event.actor !== pusher.account.userId) return 'You can only send changes in your own name.';
  if (event.deviceId !== pusher.deviceId) {
    return 'This change was made while signed in on another session of this device. Sign in again and make it once more.';
  }
  return null;
}

/** Events that give someone work on a case, and the payload field that names them. */
const GIVEN_TO: Record<string, string> = {
  'case.allocated': 'to',
  'case.reallocated': 'to',
  'contribution.requested': 'to',
  'review.requested': 'reviewer',
  'clearance.requested': 'clearer',
};

/**
 * Work may go only to one of the people the log judges with (`names`, see withPeople): not to
 * someone with no account, nor on a production server to a demo person, who could never take it.
 */
function checkRecipient(event: EventEnvelope, names: ReadonlyMap<string, string>): string | null {
  const field = GIVEN_TO[event.type];
  const to = field === undefined ? undefined : event.payload[field];
  if (typeof to !== 'string' || names.has(to)) return null;
  return `“${to}” is not one of the people who can be given work on this server, so this cannot go to them. Choose someone else.`;
}

/** Everything the judging needs, in one round trip (run after taking the lock, so it is current). */
type SnapshotRow = {
  snapshot: Omit<LogSnapshot, 'streams'> & {
    streams: (Omit<StreamRow, 'state'> & { state: StreamState | null })[];
  };
};

/**
 * The one statement that reads everything judging needs. It has no parameters (its input is a
 * JSON literal), so runGroup can send it in the same round trip as `begin` and the lock: each
 * statement of such a batch still reads the log as it is when it starts, after the lock.
 * A state comes back only when it is not the one this process holds at that seq (null otherwise).
 */
/**
 * The read, and the states it says this process holds: the database sends a state back only
 * when it differs from the one held, so the answer is completed from exactly these (never from
 * the cache as it is later, which another push may have changed meanwhile).
 */
function snapshotSql(
  ids: string[],
  streamIds: string[],
  year: number,
  cache: StateCache,
): { sql: string; held: StateCache } {
  const held: StateCache = new Map();
  for (const id of streamIds) {
    const cached = cache.get(id);
    if (cached) held.set(id, cached);
  }
  const seqs = Object.fromEntries([...held].map(([id, { last_seq }]) => [id, last_seq]));
  const input = sqlLiteral(JSON.stringify({ ids, streamIds, year, held: seqs }));
  const sql = `select json_build_object(
       'existing', (select coalesce(json_agg(id), '[]') from events
                    where id = any(array(select jsonb_array_elements_text(p->'ids')))),
       'streams', (select coalesce(json_agg(json_build_object('stream_id', stream_id, 'last_seq', last_seq,
                    'size_chars', size_chars, 'state', case when last_seq = (p->'held'->>stream_id)::bigint then null else document->'state' end)),
                    '[]')
                   from streams where stream_id = any(array(select jsonb_array_elements_text(p->'streamIds')))),
       'counters', (select json_object_agg(name, value) from counters),
       'head', (select hash from events where seq = (select value from counters where name = 'seq')),
       'visible', (select coalesce(json_agg(json_build_object('user_id', user_id, 'stream_id', stream_id)), '[]')
                   from access where can_see
                     and stream_id = any(array(select jsonb_array_elements_text(p->'streamIds')))),
       'references', (select coalesce(json_object_agg(prefix, last), '{}') from reference_counters
                      where year = (p->>'year')::int)
     ) as snapshot
     from (select ${input}::jsonb as p) as input`;
  return { sql, held };
}

function toSnapshot(
  rows: readonly Record<string, unknown>[],
  held: StateCache,
  cache: StateCache,
): LogSnapshot {
  const row = rows[0] as SnapshotRow | undefined;
  if (!row) throw new Error('The log could not be read.');
  const streams = row.snapshot.streams.map((r) => {
    const mine = held.get(r.stream_id);
    const state = r.state ?? (mine?.last_seq === r.last_seq ? mine.state : undefined);
    if (!state) throw new Error(`The state of ${r.stream_id} could not be read.`);
    return { stream_id: r.stream_id, state, last_seq: r.last_seq, size_chars: r.size_chars };
  });
  remember(cache, streams);
  const snapshot: LogSnapshot = { ...row.snapshot, streams };
  if (snapshot.counters.seq > 0 && !snapshot.head) {
    throw new Error(`The log is damaged: accepted event ${snapshot.counters.seq} is missing.`);
  }
  return snapshot;
}

async function readSnapshot(
  tx: Queryable,
  ids: string[],
  streamIds: string[],
  year: number,
  cache: StateCache,
): Promise<LogSnapshot> {
  const read = snapshotSql(ids, streamIds, year, cache);
  return toSnapshot(await tx.query(read.sql), read.held, cache);
}

/**
 * Everyone who may now see a touched stream gets its access row moved forward (so the new
 * document reaches them); everyone who could see it and now may not gets `can_see = false`,
 * moved forward too (so a deletion reaches them). People who never saw it get no row.
 */
function recomputeAccess(
  touched: [string, StreamState][],
  principals: Principal[],
  visible: LogSnapshot['visible'],
  counters: { change: number },
): AccessRow[] {
  const couldSee = new Set(visible.map((r) => `${r.user_id}\n${r.stream_id}`));
  const rows: AccessRow[] = [];
  for (const [id, state] of touched) {
    const collection = collectionOf(id);
    counters.change += 1;
    for (const principal of principals) {
      const isVisible = isOrganisationWide(id) || canSee(principal, state);
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
  /** `json`: the row's text (with its timeline entry's fields, see prepareEvent). */
  events: {
    id: string;
    status: EventRow['status'];
    reason: string | null;
    hash: string | null;
    json: string;
  }[];
  /** `document`: JSON text (prepareDocument); `waiting_on`: myWorkKeys of its state. */
  streams: {
    stream_id: string;
    collection: string;
    document: string;
    waiting_on: string[];
    last_seq: number;
    /** Roughly its pulled document's length with this push's events (streamSize.ts). */
    size_chars: number;
    updated_at: string;
  }[];
  access: AccessRow[];
  blobRefs: { sha256: string; stream_id: string; referenced_by: string }[];
  references: { prefix: string; year: number; last: number }[];
  counters: Counters;
  notice: ChangeNotice;
};

type GroupWrites = Omit<Writes, 'notice'> & { notices: ChangeNotice[] };

/** SQL that writes the access rows (AccessRow[] as JSON) in parameter `param`, moving existing ones. */
export const upsertAccess = (param: string) => `
  insert into access (user_id, stream_id, collection, can_see, change_no)
  select user_id, stream_id, collection, can_see, change_no
  from jsonb_to_recordset(${param}::jsonb) as x(user_id text, stream_id text, collection text, can_see boolean,
       change_no bigint)
  on conflict (user_id, stream_id) do update set can_see = excluded.can_see, change_no = excluded.change_no`;

/** Every write of a group in one statement; the NOTIFYs (one per push) are delivered only at commit. */
function writeSql(w: GroupWrites): string {
  return withParameters(
    `with
     input as (
       select * from jsonb_to_recordset($1::jsonb) as x(id text, stream_id text, type text, actor text,
            device_id text, made_at text, payload jsonb, status text, reason text, seq bigint, accepted_at text,
            prev_hash text, hash text, pushed_by_user text, pushed_by_device text, change_no bigint,
            actor_name text, summary text, device_name text)),
     ev as (
       -- An accepted row carries its timeline entry's own fields too (migration 013): pull.ts
       -- makes the entry from it, so the event's payload and envelope are written once.
       insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
                           prev_hash, hash, pushed_by_user, pushed_by_device, change_no,
                           actor_name, summary, device_name)
       select id, stream_id, type, actor, device_id, made_at, payload, status, reason, seq, accepted_at,
              prev_hash, hash, pushed_by_user, pushed_by_device, change_no,
              actor_name, summary, device_name
       from input),
     st as (
       insert into streams (stream_id, collection, document, last_seq, updated_at, waiting_on, size_chars)
       -- The document without its timeline: pull.ts reads that from the accepted events (ev).
       select stream_id, collection, document || jsonb_build_object('lastSeq', last_seq), last_seq, updated_at,
              waiting_on, size_chars
       from jsonb_to_recordset($2::jsonb) as x(stream_id text, collection text, document jsonb,
            last_seq bigint, updated_at text, waiting_on text[], size_chars bigint)
       on conflict (stream_id) do update set document = excluded.document,
         last_seq = excluded.last_seq, updated_at = excluded.updated_at, waiting_on = excluded.waiting_on,
         size_chars = excluded.size_chars),
     ac as (${upsertAccess('$3')}),
     br as (${insertBlobRefs('$4')}),
     rc as (
       insert into reference_counters (prefix, year, last)
       select prefix, year, last from jsonb_to_recordset($5::jsonb) as x(prefix text, year int, last int)
       on conflict (prefix, year) do update set last = excluded.last),
     co as (
       update counters set value = case name when 'seq' then $6::bigint else $7::bigint end
       where name in ('seq', 'change'))
     select pg_notify($8, notice) from jsonb_array_elements_text($9::jsonb) as notice`,
    [
      // Rows and documents are JSON already (mostly made before the lock): spliced in, not re-encoded.
      jsonArray(w.events.map((r) => r.json)),
      jsonArray(
        w.streams.map(
          (r) =>
            `{"stream_id":${JSON.stringify(r.stream_id)},"collection":${JSON.stringify(r.collection)},` +
            `"last_seq":${r.last_seq},"size_chars":${r.size_chars},"updated_at":${JSON.stringify(r.updated_at)},` +
            `"waiting_on":${JSON.stringify(r.waiting_on)},"document":${r.document}}`,
        ),
      ),
      JSON.stringify(w.access),
      JSON.stringify(w.blobRefs),
      JSON.stringify(w.references),
      w.counters.seq,
      w.counters.change,
      CHANGES_CHANNEL,
      JSON.stringify(w.notices.map((notice) => JSON.stringify(notice))),
    ],
  );
}

const jsonArray = (items: string[]) => `[${items.join(',')}]`;

/**
 * The statement with its parameters written in as literals (strings quoted, numbers as they
 * are), so it can travel with `commit` in one simple query, which takes no parameters.
 */
function withParameters(sql: string, params: readonly (string | number)[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === undefined) throw new Error(`The statement has no parameter $${n}.`);
    return typeof value === 'number' ? String(value) : sqlLiteral(value);
  });
}
