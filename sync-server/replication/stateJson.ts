// A stream's state as JSON text, for the document a push writes. A case's state grows with its
// notes, marks and documents, and a push adds to it: stringifying the whole state again on every
// push made a push's cost grow with the case. Here the text of each top-level field is kept with
// the state it was made for, and the next state reuses it: a field that is the very same value
// keeps its text, and a list that only grew at its end (the same items, by identity, then new
// ones) gets only its new items' text appended. The result is exactly JSON.stringify(state).
//
// Caveat: this is sound only because states are never changed in place (the domain's fold
// returns new objects and the server only stores what it returns); a state edited after its
// text was made would keep the old text.
import type { StreamState } from './judge';

type FieldText = { value: unknown; json: string };
/** Per state: each of its fields' text, by field name. Weak, so it lives as long as the state. */
const fieldTexts = new WeakMap<StreamState, Map<string, FieldText>>();

/**
 * `JSON.stringify(state)`, reusing what is known of `from` (the state it was folded from), and
 * remembered for the state folded from this one.
 */
export function stateJson(state: StreamState, from: StreamState | null): string {
  const before = from ? fieldTexts.get(from) : undefined;
  const texts = new Map<string, FieldText>();
  const parts: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    const json = fieldJson(value, before?.get(key));
    // As JSON.stringify: a field whose value has no JSON (undefined, a function) is left out.
    if (json === undefined) continue;
    texts.set(key, { value, json });
    parts.push(`${JSON.stringify(key)}:${json}`);
  }
  fieldTexts.set(state, texts);
  return `{${parts.join(',')}}`;
}

function fieldJson(value: unknown, before: FieldText | undefined): string | undefined {
  if (before && before.value === value) return before.json;
  if (before && Array.isArray(value) && Array.isArray(before.value) && isGrownFrom(value, before.value)) {
    const added = value.slice(before.value.length);
    if (added.length === 0) return before.json;
    if (before.value.length === 0) return JSON.stringify(value);
    // Both are '[...]': the earlier items' text, a comma, then the new items' text.
    return `${before.json.slice(0, -1)},${JSON.stringify(added).slice(1)}`;
  }
  return JSON.stringify(value) as string | undefined;
}

/** Whether `list` is `earlier` with items added at its end (the earlier ones the very same). */
function isGrownFrom(list: readonly unknown[], earlier: readonly unknown[]): boolean {
  if (list.length < earlier.length) return false;
  for (let i = 0; i < earlier.length; i += 1) if (list[i] !== earlier[i]) return false;
  return true;
}
