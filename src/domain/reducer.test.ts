// Properties of the fold: it never throws, it is deterministic and leaves its input alone, and
// folding events one at a time onto a stored (JSON) copy equals replaying them all from nothing.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { StreamState } from './caseState';
import { type CaseType, caseTypeSchema } from './caseTypes';
import { type CaseEventType, type ClearwayEvent, eventCatalogue, eventTypes } from './events/catalogue';
import { parseEvent } from './events/parseEvent';
import { reduce, replay } from './reducer';
import { loggedEvent, NOW, people, type RawEvent, raw, run, sampleEvent, steps } from './testing/journeys';

const ctx = { now: NOW };
const caseEventTypes = eventTypes.filter((t) => eventCatalogue[t].stream === 'case') as CaseEventType[];
const userIds = Object.values(people).map((p) => p.userId);

const parsed = (event: RawEvent): ClearwayEvent => {
  const result = parseEvent(event);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const actionArb = fc.record({
  type: fc.constantFrom(...caseEventTypes),
  actor: fc.option(fc.constantFrom(...userIds), { nil: undefined }),
});
const scriptArb = fc.record({
  caseType: fc.constantFrom(...caseTypeSchema.options),
  actions: fc.array(actionArb, { maxLength: 40 }),
});

/** Events a device might send next: mostly sensible for the case as it stands, sometimes by the wrong person. */
function eventsOf(
  caseType: CaseType,
  actions: readonly { type: CaseEventType; actor?: string | undefined }[],
) {
  const accepted: ClearwayEvent[] = [];
  const all: ClearwayEvent[] = [parsed(loggedEvent(caseType))];
  let state: StreamState | null = null;
  const first = reduce(null, all[0]!, ctx);
  if (!first.ok) throw new Error(first.reason);
  state = first.state;
  accepted.push(all[0]!);
  for (const action of actions) {
    if (state.kind !== 'case') break;
    const sample = sampleEvent(action.type, state);
    const event = parsed(action.actor ? { ...sample, actor: action.actor } : sample);
    all.push(event);
    const result = reduce(state, event, ctx);
    if (result.ok) {
      state = result.state;
      accepted.push(event);
    }
  }
  return { accepted, all, state };
}

describe('the reducer', () => {
  test('random event sequences never throw', () => {
    fc.assert(
      fc.property(scriptArb, ({ caseType, actions }) => {
        const { all } = eventsOf(caseType, actions);
        let state: StreamState | null = null;
        for (const event of all) {
          const result = reduce(state, event, ctx);
          expect(typeof result.ok).toBe('boolean');
          if (result.ok) state = result.state;
          else expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('folding one at a time onto a stored copy equals replaying them all', () => {
    fc.assert(
      fc.property(scriptArb, ({ caseType, actions }) => {
        const { accepted } = eventsOf(caseType, actions);
        let stored: StreamState | null = null;
        for (const event of accepted) {
          const result = reduce(stored === null ? null : JSON.parse(JSON.stringify(stored)), event, ctx);
          if (!result.ok) throw new Error(result.reason);
          stored = result.state;
        }
        const replayed = replay(accepted, ctx);
        expect(replayed.ok).toBe(true);
        if (replayed.ok)
          expect(JSON.parse(JSON.stringify(replayed.state))).toEqual(JSON.parse(JSON.stringify(stored)));
      }),
      { numRuns: 150 },
    );
  });

  test('the same event on the same state gives the same result, and the state is not changed', () => {
    fc.assert(
      fc.property(scriptArb, fc.constantFrom(...caseEventTypes), ({ caseType, actions }, nextType) => {
        const { state } = eventsOf(caseType, actions);
        if (state.kind !== 'case') return;
        const frozen = deepFreeze(JSON.parse(JSON.stringify(state)) as StreamState);
        const event = parsed(sampleEvent(nextType, state));
        const once = reduce(frozen, event, ctx);
        const twice = reduce(frozen, event, ctx);
        expect(twice).toEqual(once);
        expect(frozen).toEqual(JSON.parse(JSON.stringify(state)));
      }),
      { numRuns: 150 },
    );
  });

  test('parseEvent never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(parseEvent(input).ok).toBe(false);
      }),
    );
  });

  test('random payloads for every type are refused or accepted, never thrown', () => {
    const base = raw('note.added', {}, 'cw');
    fc.assert(
      fc.property(
        fc.constantFrom(...eventTypes),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (type, payload) => {
          const result = parseEvent({ ...base, type, payload });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });

  test('replay names the event that was refused', () => {
    const events = [loggedEvent('foi'), steps.accept()].map(parsed);
    expect(replay(events, ctx)).toEqual({
      ok: false,
      reason:
        'Event 2 (case.allocation_accepted) was refused: This case is newly logged, so an allocation cannot be accepted. Allocate it first.',
    });
  });
});

describe('references', () => {
  test('a case keeps its provisional reference until the server gives the permanent one', () => {
    const logged = loggedEvent('foi');
    const provisional = run([logged]);
    expect(provisional).toMatchObject({ reference: logged.payload.reference, isReferenceProvisional: true });
    const permanent = run([logged], null, 'FOI-2026-00417');
    expect(permanent).toMatchObject({ reference: 'FOI-2026-00417', isReferenceProvisional: false });
  });
});
