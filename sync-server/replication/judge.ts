// The server's ONE door to the domain's rules (src/domain). Everything the server decides about
// an event — is it well formed, may this person send it now, what does the stream become, who
// may see it, how is it shown — is asked here, so the server enforces exactly what the app shows.
//
// PROVISIONAL until src/domain exports parseEvent/decide/canSee/collectionOf/toStreamDocument/
// describeEvent (see the CONTRACT in src/domain/index.ts): the stand-ins below keep the same
// signatures, check only the envelope and the actor, and fold a minimal state. Wiring the domain
// in is a change to this file alone.
import type { CaseType } from '../../src/domain/caseTypes';
import { caseTypeSchema } from '../../src/domain/caseTypes';
import { type EventEnvelope, eventEnvelopeSchema } from '../../src/domain/events/envelope';
import type { Principal } from '../../src/domain/principal';
import { INFORMATION_RIGHTS_TEAM } from '../../src/domain/principal';
import type { CollectionName, StreamDocument, TimelineEntry } from '../../src/domain/streamDocument';

export type StreamState = Record<string, unknown>;
export type Verdict = { ok: true; state: StreamState } | { ok: false; reason: string };
export type DecideContext = { now: string; reference?: string };
export type StoredDocument = Omit<StreamDocument, '_deleted'>;

export function parseEvent(raw: unknown): { ok: true; event: EventEnvelope } | { ok: false; reason: string } {
  const parsed = eventEnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: `The event is not valid: ${first ? `${first.path.join('.')} ${first.message}` : 'unknown problem'}.`,
    };
  }
  return { ok: true, event: parsed.data };
}

export function decide(
  state: StreamState | null,
  event: EventEnvelope,
  principal: Principal,
  ctx: DecideContext,
): Verdict {
  if (event.actor !== principal.userId)
    return { ok: false, reason: 'You can only send changes in your own name.' };
  if (state === null && event.type !== 'case.logged' && event.stream.startsWith('case:')) {
    return { ok: false, reason: 'This case has not been logged yet.' };
  }
  const previous = state ?? {};
  const ownerId = typeof event.payload.to === 'string' ? event.payload.to : undefined;
  const ownerIds = Array.isArray(previous.ownerIds) ? (previous.ownerIds as string[]) : [];
  return {
    ok: true,
    state: {
      ...previous,
      ...(event.type === 'case.logged'
        ? {
            caseType: event.payload.caseType,
            reference: ctx.reference ?? '',
            status: 'logged',
            teamIds: [INFORMATION_RIGHTS_TEAM],
          }
        : {}),
      ...(ownerId && event.type.includes('allocat') ? { ownerIds: [ownerId] } : { ownerIds }),
      lastEventType: event.type,
    },
  };
}

export function canSee(principal: Principal, state: StreamState): boolean {
  if (principal.roles.includes('administrator') || principal.teamIds.includes(INFORMATION_RIGHTS_TEAM))
    return true;
  return Array.isArray(state.ownerIds) && state.ownerIds.includes(principal.userId);
}

export function collectionOf(stream: string): CollectionName {
  if (stream.startsWith('case:')) return 'cases';
  if (stream === 'org:templates') return 'templates';
  if (stream === 'org:calendar') return 'calendar';
  return 'directory';
}

export function describeEvent(
  event: Pick<EventEnvelope, 'type' | 'actor'>,
  names: ReadonlyMap<string, string>,
): string {
  return `${names.get(event.actor) ?? 'Someone'}: ${event.type.replace(/[._]/g, ' ')}`;
}

export function toStreamDocument(
  stream: string,
  state: StreamState,
  timeline: TimelineEntry[],
  lastSeq: number,
  updatedAt: string,
  _calendar: StreamState | null,
): StoredDocument {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return {
    id: stream,
    collection: collectionOf(stream),
    lastSeq,
    updatedAt,
    state,
    timeline,
    reference: text(state.reference),
    caseType: text(state.caseType),
    status: text(state.status),
    dueDate: text(state.dueDate),
    ownerIds: list(state.ownerIds),
    teamIds: list(state.teamIds),
  };
}

/** Whether every person may see a stream whatever its state (the directory, templates, calendar). */
export const isOrganisationWide = (stream: string) => collectionOf(stream) !== 'cases';

/** The case type a case.logged event opens, so the server can give it a permanent reference. */
export function caseTypeLogged(event: EventEnvelope): CaseType | null {
  if (event.type !== 'case.logged') return null;
  const parsed = caseTypeSchema.safeParse(event.payload.caseType);
  return parsed.success ? parsed.data : null;
}

/** The sha256 of a file an accepted event brings into a stream (document.added), if any. */
export function blobOf(event: EventEnvelope): string | null {
  const sha = event.payload.sha256;
  return typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}
