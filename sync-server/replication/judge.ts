// The server's ONE door to the domain's rules (src/domain). Everything the server decides about
// an event — is it well formed, may this person send it now, what does the stream become, who
// may see it, how is it shown — is asked of the domain here, so the server enforces exactly
// what the app shows. The server adds no rules of its own; this file only adapts types at the
// storage boundary (states come back from JSONB as plain records).
import {
  type CalendarState,
  type CaseType,
  type ClearwayEvent,
  calendarOf,
  caseTypeSchema,
  type StreamState as DomainStreamState,
  canSee as domainCanSee,
  collectionOf as domainCollectionOf,
  decide as domainDecide,
  decideParsed as domainDecideParsed,
  describeEvent as domainDescribeEvent,
  myWorkKeys as domainMyWorkKeys,
  parseEvent as domainParseEvent,
  type EventEnvelope,
  type Principal,
} from '../../src/domain';
import type { CollectionName } from '../../src/domain/streamDocument';
import {
  type DocumentSummary,
  documentSummary as domainDocumentSummary,
} from '../../src/domain/streamDocuments';

/** A stream's state as stored (JSONB): whatever the domain's reducer left. */
export type StreamState = Record<string, unknown>;
export type Verdict = { ok: true; state: StreamState; event: EventEnvelope } | { ok: false; reason: string };
export type DecideContext = { now: string; reference?: string };

// States are written only by this server from the domain's own results, so reading them back
// as the domain's type is sound.
const asDomainState = (state: StreamState | null) => state as DomainStreamState | null;
// The domain's states are plain JSON data; stored as they are (no copy: this runs per event).
const asStored = (state: DomainStreamState) => state as unknown as StreamState;

/** Events only the server records (a device sending one would forge the audit trail). */
const SERVER_RECORDED = new Set([
  'directory.roles_changed',
  'directory.password_reset',
  'directory.sign_in_unlinked',
]);

/**
 * Events that are the domain parser's own results (parseEvent below): `decide` need not parse
 * them again. Weak, and by identity, so only these very objects skip it; anything else that
 * reaches `decide` (server-recorded changes, tests) is parsed there as before.
 */
const parsedEvents = new WeakSet<EventEnvelope>();

export function parseEvent(raw: unknown): { ok: true; event: EventEnvelope } | { ok: false; reason: string } {
  const parsed = domainParseEvent(raw);
  if (!parsed.ok) return parsed;
  parsedEvents.add(parsed.event);
  if (SERVER_RECORDED.has(parsed.event.type)) {
    return { ok: false, reason: 'the server records this change itself when it is made.' };
  }
  if (domainCollectionOf(parsed.event.stream) === null) {
    return { ok: false, reason: `Clearway does not keep a stream called "${parsed.event.stream}".` };
  }
  return { ok: true, event: parsed.event };
}

export function decide(
  state: StreamState | null,
  event: EventEnvelope,
  principal: Principal,
  ctx: DecideContext,
): Verdict {
  const decision = parsedEvents.has(event)
    ? domainDecideParsed(asDomainState(state), event as ClearwayEvent, principal, ctx)
    : domainDecide(asDomainState(state), event, principal, ctx);
  if (!decision.ok) return decision;
  return { ok: true, state: asStored(decision.state), event: decision.event };
}

export function canSee(principal: Principal, state: StreamState): boolean {
  return domainCanSee(principal, asDomainState(state));
}

export function collectionOf(stream: string): CollectionName {
  // Streams reach storage only after parseEvent, which refuses names the domain does not use.
  return domainCollectionOf(stream) ?? 'directory';
}

export function describeEvent(event: EventEnvelope, names: ReadonlyMap<string, string>): string {
  return domainDescribeEvent(event as ClearwayEvent, (userId) => names.get(userId) ?? userId);
}

/** A stream document's summary fields (its state is written as JSON text, see stateJson.ts). */
export function documentSummary(
  stream: string,
  state: StreamState,
  calendar: StreamState | null,
): DocumentSummary {
  const domainState = asDomainState(state);
  if (!domainState) throw new Error(`The stream ${stream} has no state to send.`);
  return domainDocumentSummary(domainState, calendarOf(calendar as CalendarState | null));
}

/**
 * Whose My work a stream is in, as the keys stored in `streams.waiting_on` (migration 010): none
 * for streams that are not cases.
 */
export function myWorkKeys(state: StreamState): string[] {
  const domainState = asDomainState(state);
  return domainState?.kind === 'case' ? domainMyWorkKeys(domainState) : [];
}

/** Whether every person may see a stream whatever its state (the directory, templates, calendar). */
export const isOrganisationWide = (stream: string) => collectionOf(stream) !== 'cases';

/** The case type a case.logged event opens, so the server can give it a permanent reference. */
export function caseTypeLogged(event: EventEnvelope): CaseType | null {
  if (event.type !== 'case.logged') return null;
  const parsed = caseTypeSchema.safeParse(event.payload.caseType);
  return parsed.success ? parsed.data : null;
}

/**
 * The sha256 of a file an accepted event brings into a stream (document.added and
 * document.redacted_copy_added: the only payloads with a `sha256`; others name a file already on
 * the case, e.g. `documentSha`), if any. Any hash is accepted here, even of a file not uploaded
 * yet (devices push before their upload finishes): whether the reference lets the stream's people
 * open the file depends on who pushed it (blobs/blobAccess.ts).
 */
export function blobOf(event: EventEnvelope): string | null {
  const sha = event.payload.sha256;
  return typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}
