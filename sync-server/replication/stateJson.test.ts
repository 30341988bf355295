// A push writes a stream's state as text made from the text of the state before it
// (stateJson.ts); what is stored must be exactly JSON.stringify of the state, whatever the fold
// did to it: lists grown, items replaced, fields added, emptied or dropped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journeys, loggedEvent, run } from '../../src/domain/testing/journeys';
import type { StreamState } from './judge';
import { stateJson } from './stateJson';

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

describe('a state written as JSON from the state before it', () => {
  it('is exactly JSON.stringify of the state after any run of changes', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), (changes) => {
        let before: StreamState | null = null;
        let state: StreamState = { kind: 'case', notes: [] };
        for (const c of changes) {
          expect(stateJson(state, before)).toBe(JSON.stringify(state));
          before = state;
          state = apply(state, c);
        }
        expect(stateJson(state, before)).toBe(JSON.stringify(state));
      }),
    );
  });

  it('is exactly JSON.stringify of each state a case passes through on its way to being closed', () => {
    const closedCase = [loggedEvent('foi'), ...(journeys.closed ?? []).map((make) => make())];
    let before: StreamState | null = null;
    for (const event of closedCase) {
      // Folded from the state before, as a push does, so unchanged fields are the same objects.
      const state = run([event], before as never) as unknown as StreamState;
      expect(stateJson(state, before)).toBe(JSON.stringify(state));
      before = state;
    }
  });

  it('stays exact when written again from an older state than the last one', () => {
    const first: StreamState = { kind: 'case', notes: [{ id: 1 }] };
    const second: StreamState = { ...first, notes: [...(first.notes as unknown[]), { id: 2 }] };
    const branch: StreamState = { ...first, notes: [...(first.notes as unknown[]), { id: 3 }] };
    stateJson(first, null);
    stateJson(second, first);
    expect(stateJson(branch, first)).toBe(JSON.stringify(branch));
  });
});
