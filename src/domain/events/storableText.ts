// Text PostgreSQL cannot keep in JSON: a null character, or half of a UTF-16 surrogate pair (what a
// broken paste or a cut emoji leaves). Such an event would be refused by the database at every
// attempt, so it is refused here, with where it is, before it reaches an outbox or the log.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isUnstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** For schemas of other text the server keeps (names, team ids): `.refine(isStorableText, …)`. */
export const isStorableText = (text: string): boolean => !isUnstorable(text);
export const UNSTORABLE_TEXT =
  'contains a character Clearway cannot store (often left by a broken copy and paste)';

/** Where a value sits: its key in its parent (an object's own key, or a list's index), and the parent's place. */
type Place = { value: unknown; key: string | null; isObjectKey: boolean; parent: Place | null };

function pathTo(place: Place): string[] {
  const path: string[] = [];
  for (let at: Place | null = place; at?.key != null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path of the first string (or key) in `value` that cannot be stored, or null, in document
 * order (a key before what it holds). Walked with a list of its own, each place keeping only its
 * parent (the path is made only for what is found): what a device sends is untrusted, and a value
 * nested thousands deep must cost its size, not its depth squared, nor overflow the stack.
 */
export function findUnstorableText(value: unknown): string[] | null {
  const toVisit: Place[] = [{ value, key: null, isObjectKey: false, parent: null }];
  for (let place = toVisit.pop(); place; place = toVisit.pop()) {
    if (place.isObjectKey && place.key !== null && isUnstorable(place.key)) return pathTo(place);
    const item = place.value;
    if (typeof item === 'string') {
      if (isUnstorable(item)) return pathTo(place);
    } else if (Array.isArray(item)) {
      // Pushed last first, so the first item is looked at first.
      for (let i = item.length - 1; i >= 0; i -= 1)
        toVisit.push({ value: item[i], key: String(i), isObjectKey: false, parent: place });
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i] as [string, unknown];
        toVisit.push({ value: child, key, isObjectKey: true, parent: place });
      }
    }
  }
  return null;
}
