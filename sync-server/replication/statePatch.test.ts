// A push writes what it changed in a stream's state as a patch on the stored document
// (statePatch.ts); the stored state must then be exactly the new state, whatever the fold did
// to it: lists grown, items replaced, fields added, emptied or dropped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journeys, loggedEvent, run } from '../../src/domain/testing/journeys';
import type { StreamState } from './judge';
import { type StatePatch, statePatch } from './statePatch';

/** What the write does with a patch, in SQL (`-` keys, `||` objects, `||` lists), on the stored JSON. */
function applied(from: StreamState, patch: StatePatch): unknown {
  const state = JSON.parse(JSON.stringify(from)) as Record<string, unknown>;
  for (const key of patch.dropped) delete state[key];
  Object.assign(state, JSON.parse(patch.changed));
  for (const [key, items] of Object.entries(JSON.parse(patch.appended) as Record<string, unknown[]>))
    state[key] = [...(state[key] as unknown[]), ...items];
  return state;
}

const stored = (state: StreamState) => JSON.parse(JSON.stringify(state));

/** One change as the fold makes them: always a new state object, the old one left as it was. */
type Change =
  | { kind: 'append'; key: string; items: unknown[] }
  | { kind: 'replaceItem'; key: string; index: number; item: unknown }
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'drop'; key: string };

const key = fc.constantFrom('notes', 'marks', 'status', 'extra', '1', 'with "quotes"');
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), key, items: fc.array(fc.jsonValue({ maxDepth: 2 })) }),
  fc.record({
    kind: fc.constant('replaceItem' as const),
    key,
    index: fc.nat(5),
    item: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    key,
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
  }),
  fc.record({ kind: fc.constant('drop' as const), key }),
);

function apply(state: StreamState, c: Change): StreamState {
  const value = state[c.key];
  const list = Array.isArray(value) ? value : [];
  if (c.kind === 'append') return { ...state, [c.key]: [...list, ...c.items] };
  if (c.kind === 'replaceItem')
    return { ...state, [c.key]: list.map((v, i) => (i === c.index ? c.item : v)) };
  if (c.kind === 'set') return { ...state, [c.key]: c.value };
  const { [c.key]: _dropped, ...rest } = state;
  return rest;
}

describe('a state written as a patch on the state before it', () => {
  it('stores exactly the new state after any run of changes, patched one push at a time or all at once', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), fc.nat(20), (changes, cut) => {
        const first: StreamState = { kind: 'case', notes: [] };
        let state = first;
        let middle = first;
        for (const [i, c] of changes.entries()) {
          const next = apply(state, c);
          expect(applied(state, statePatch(state, next))).toEqual(stored(next));
          state = next;
          if (i === cut) middle = state;
        }
        // Several pushes of one group write once: the patch from the stored state to the last.
        expect(applied(first, statePatch(first, state))).toEqual(stored(state));
        expect(applied(middle, statePatch(middle, state))).toEqual(stored(state));
      }),
    );
  });

  it('stores exactly each state a case passes through on its way to being closed', () => {
    const closedCase = [loggedEvent('foi'), ...(journeys.closed ?? []).map((make) => make())];
    let before = run([closedCase[0] as never]) as unknown as StreamState;
    for (const event of closedCase.slice(1)) {
      // Folded from the state before, as a push does, so unchanged fields are the same objects.
      const state = run([event], before as never) as unknown as StreamState;
      expect(applied(before, statePatch(before, state))).toEqual(stored(state));
      before = state;
    }
  });

  it('sends only the new items of a list that grew, and nothing of fields that did not change', () => {
    const notes = Array.from({ length: 1_000 }, (_, i) => ({ noteId: `n${i}`, text: 'Chased.' }));
    const before: StreamState = { kind: 'case', status: 'logged', notes };
    const after: StreamState = { ...before, status: 'in_progress', notes: [...notes, { noteId: 'new' }] };
    expect(statePatch(before, after)).toEqual({
      dropped: [],
      changed: '{"status":"in_progress"}',
      appended: '{"notes":[{"noteId":"new"}]}',
    });
  });
});
