// The tamper-evident chain over the accepted log: each accepted event's hash is
// sha256(prevHash + canonical JSON of the event as accepted), prevHash being the hash of the
// accepted event before it ('' for the first). Changing, removing or reordering any stored
// event breaks every hash after it, which verifyChain() reports.
import { createHash } from 'node:crypto';
import type { Queryable } from '../storage/database';
import { type EventRow, envelopeOf } from './eventRow';

export type ChainedEvent = {
  id: string;
  stream: string;
  type: string;
  actor: string;
  deviceId: string;
  madeAt: string;
  payload: Record<string, unknown>;
  seq: number;
  acceptedAt: string;
};

/**
 * JSON with object keys sorted at every depth, so the same event always hashes the same: values
 * as JSON.stringify writes them, fields that are undefined left out, any other value without
 * JSON (in a list or an object) written as null. Written with plain loops: it runs for every
 * accepted event, and a push has hundreds.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  // Code-unit order, as the chain has always used (sort's default order for strings).
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `${text}}`;
}

export function chainHash(prevHash: string, event: ChainedEvent): string {
  return chainHashOf(prevHash, chainParts(event), event.seq);
}

/**
 * An accepted event's canonical JSON cut where its `seq` goes: everything else is known before
 * the log's lock is taken, so the costly part of hashing is done outside it (eventStore.ts).
 * Keys sort as acceptedAt, actor, deviceId, id, madeAt, payload | seq | stream, type.
 */
export type ChainParts = { before: string; after: string };

export function chainParts(event: Omit<ChainedEvent, 'seq'>): ChainParts {
  const { id, stream, type, actor, deviceId, madeAt, payload, acceptedAt } = event;
  const head = canonicalJson({ acceptedAt, actor, deviceId, id, madeAt, payload });
  const tail = canonicalJson({ stream, type });
  return { before: `${head.slice(0, -1)},"seq":`, after: `,${tail.slice(1)}` };
}

export function chainHashOf(prevHash: string, parts: ChainParts, seq: number): string {
  return createHash('sha256')
    .update(prevHash + parts.before + JSON.stringify(seq) + parts.after)
    .digest('hex');
}

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAtSeq: number; problem: string };

type ChainRow = Omit<EventRow, 'status' | 'reason' | 'pushed_by_user' | 'pushed_by_device' | 'change_no'> & {
  seq: number;
  accepted_at: string;
  prev_hash: string;
  hash: string;
};

const PAGE = 5_000;

/** Walks the whole accepted log in seq order and recomputes every hash. */
export async function verifyChain(db: Queryable): Promise<ChainReport> {
  let prevHash = '';
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.query<ChainRow>(
      `select id, stream_id, type, actor, device_id, made_at, payload, seq, accepted_at, prev_hash, hash
       from events where status = 'accepted' and seq >= $1 order by seq limit $2`,
      [expectedSeq, PAGE],
    );
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return { ok: false, checked, brokenAtSeq: expectedSeq, problem: `event ${expectedSeq} is missing` };
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          checked,
          brokenAtSeq: row.seq,
          problem: 'it does not follow the event before it',
        };
      const hash = chainHash(prevHash, {
        ...envelopeOf(row),
        seq: row.seq,
        acceptedAt: row.accepted_at,
      });
      if (hash !== row.hash)
        return {
          ok: false,
          checked,
          brokenAtSeq: row.seq,
          problem: 'its content was changed after it was accepted',
        };
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < PAGE) break;
  }
  // A chain cut short at its end leaves every remaining hash valid: the counter says how long it was.
  const [counter] = await db.query<{ value: number }>(`select value from counters where name = 'seq'`);
  const expected = counter?.value ?? 0;
  if (expected !== checked) {
    return {
      ok: false,
      checked,
      brokenAtSeq: checked + 1,
      problem: `the log ends at ${checked} but ${expected} events were accepted`,
    };
  }
  return { ok: true, checked };
}
