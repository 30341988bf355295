// The cases bench:ui stores on the device: real events folded by the domain reducer into the
// server's stream documents, then into the device's rows by the data layer's own conversion
// (toLocalStreamDocument), so the summary fields the indexes use are the ones a real device holds.
// Three case types and two workflow stages (logged only, or logged and allocated), due dates
// spread over a year; one case in MINE_EVERY is allocated to the person whose My work we time.
// Folding 50,000 cases takes a minute on two cores, so the first DISTINCT_CASES are folded and
// the rest are copies of them under their own stream id and reference (same type, stage, owner
// and due date as the case they copy; the indexes see the same spread).
import { v7 as uuidv7 } from 'uuid';
import type { LocalStreamDocument } from '../../src/data';
import { toLocalStreamDocument } from '../../src/data/replication';
import type { Principal } from '../../src/domain';
import type { StreamState } from '../../src/domain/caseState';
import { describeEvent } from '../../src/domain/describeEvent';
import { parseEvent } from '../../src/domain/events/parseEvent';
import { reduce } from '../../src/domain/reducer';
import type { TimelineEntry } from '../../src/domain/streamDocument';
import { toStreamDocument } from '../../src/domain/streamDocuments';

export const MINE_EVERY = 25;
/** The deep page bench:ui times beside the first (rows 4,951 to 5,000 of each list). */
export const DEEP_PAGE = 100;
export const CASE_TYPES = ['foi', 'eir', 'sar'] as const;
/** A multiple of 150 (types, allocation and MINE_EVERY repeat within it). */
const DISTINCT_CASES = 1_500;

/** The person signed in on the bench device. */
export const BENCH_PERSON: Principal = {
  userId: 'official',
  displayName: 'Olu Official',
  roles: ['policy_official'],
  teamIds: ['waste-policy'],
};

type Envelope = { id: string; stream: string; type: string; payload: Record<string, unknown> };

/** Case n (from 1) as the device stores it after a pull. */
export function buildLocalCase(n: number): LocalStreamDocument {
  const stream = `case:${crypto.randomUUID()}`;
  const caseType = CASE_TYPES[n % CASE_TYPES.length] ?? 'foi';
  const received = new Date(Date.UTC(2025, 11, 1) + (n % 365) * 86_400_000).toISOString().slice(0, 10);
  const madeAt = `${received}T10:00:00.000Z`;
  const isAllocated = n % 2 === 0 || n % MINE_EVERY === 0;
  const envelopes: Envelope[] = [
    {
      id: uuidv7(),
      stream,
      type: 'case.logged',
      payload: {
        caseType,
        reference: `${caseType.toUpperCase()}-2026-P-${n.toString(16).padStart(6, '0')}`,
        receivedOn: received,
        channel: 'email',
        requester: { name: `Requester ${n}`, type: 'member_of_the_public' },
        subject: `Waste collection figures, request ${n}`,
        requestText: 'Please send the number of missed bin collections per ward in 2025.',
      },
    },
  ];
  if (isAllocated) {
    const to = n % MINE_EVERY === 0 ? BENCH_PERSON.userId : 'someone-else';
    envelopes.push({
      id: uuidv7(),
      stream,
      type: 'case.allocated',
      payload: { allocationId: `a${n}`, to, teamId: 'waste-policy', service: 'Waste policy' },
    });
  }
  let state: StreamState | null = null;
  const timeline: TimelineEntry[] = envelopes.map((envelope, i) => {
    const parsed = parseEvent({ ...envelope, actor: 'caseworker', deviceId: 'bench', madeAt });
    if (!parsed.ok) throw new Error(`Bench event ${envelope.type} is not valid: ${parsed.reason}`);
    const prefix = caseType.toUpperCase();
    const result = reduce(state, parsed.event, {
      now: madeAt,
      reference: `${prefix}-2026-${String(n).padStart(5, '0')}`,
    });
    if (!result.ok) throw new Error(`Bench event ${envelope.type} was refused: ${result.reason}`);
    state = result.state;
    return {
      eventId: envelope.id,
      type: envelope.type,
      actor: 'caseworker',
      actorName: 'Casey Worker',
      deviceId: 'bench',
      madeAt,
      acceptedAt: madeAt,
      seq: n * 10 + i,
      summary: describeEvent(parsed.event, () => 'Casey Worker'),
      payload: envelope.payload,
    };
  });
  const server = toStreamDocument(stream, state as unknown as StreamState, timeline, n * 10 + 1, madeAt);
  return toLocalStreamDocument(server, BENCH_PERSON.userId, BENCH_PERSON.teamIds);
}

/** Cases 1..count, folded for the first DISTINCT_CASES and copied after. */
export function buildLocalCases(count: number): LocalStreamDocument[] {
  const distinct = Array.from({ length: Math.min(count, DISTINCT_CASES) }, (_, i) => buildLocalCase(i + 1));
  const cases = [...distinct];
  for (let n = distinct.length + 1; n <= count; n += 1) {
    const original = distinct[(n - 1) % DISTINCT_CASES] as LocalStreamDocument;
    const reference = `${original.caseType.toUpperCase()}-2026-${String(n).padStart(5, '0')}`;
    cases.push({
      ...original,
      id: `case:${crypto.randomUUID()}`,
      reference,
      state: { ...original.state, reference },
    });
  }
  return cases;
}
