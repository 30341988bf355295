// What a push changed in a stream's state, as a patch the write applies to the stored document
// (eventStore.ts writeSql) instead of sending and storing the whole state again. A case's state
// grows with its notes, marks and documents; sending it whole made every push cost as much as
// the case was big, in Node (text), on the wire and in PostgreSQL (parsing it). The patch holds
// the top-level fields that are gone, those with a new value (whole), and the lists that only
// grew at their end (the same items, by identity, then new ones: only the new ones are sent).
//
// Caveat: identity stands for equality, which is sound because states are never changed in
// place (the domain's fold returns new objects and the server only stores what it returns).
import type { StreamState } from './judge';

export type StatePatch = {
  /** Fields the state no longer has. */
  dropped: string[];
  /** JSON text of an object: each field with a new value, whole. */
  changed: string;
  /** JSON text of an object: for each list that grew at its end, its new items. */
  appended: string;
};

/** How `to` differs from `from`: applied to `from` as stored (JSON), it gives `to` as JSON. */
export function statePatch(from: StreamState, to: StreamState): StatePatch {
  const dropped: string[] = [];
  const changed: string[] = [];
  const appended: string[] = [];
  for (const key of Object.keys(from)) {
    if (hasJson(from[key]) && !hasJson(to[key])) dropped.push(key);
  }
  for (const [key, value] of Object.entries(to)) {
    const before = from[key];
    if (value === before || !hasJson(value)) continue;
    if (Array.isArray(value) && Array.isArray(before) && isGrownFrom(value, before)) {
      if (value.length > before.length)
        appended.push(`${JSON.stringify(key)}:${JSON.stringify(value.slice(before.length))}`);
      continue;
    }
    changed.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return { dropped, changed: `{${changed.join(',')}}`, appended: `{${appended.join(',')}}` };
}

/** As JSON.stringify: a field whose value has no JSON (undefined, a function) is left out. */
const hasJson = (value: unknown) =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/** Whether `list` is `earlier` with items added at its end (the earlier ones the very same). */
function isGrownFrom(list: readonly unknown[], earlier: readonly unknown[]): boolean {
  if (list.length < earlier.length) return false;
  for (let i = 0; i < earlier.length; i += 1) if (list[i] !== earlier[i]) return false;
  return true;
}
