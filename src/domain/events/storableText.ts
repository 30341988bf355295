// Text PostgreSQL cannot keep in JSON: a null character, or half of a UTF-16 surrogate pair (what a
// broken paste or a cut emoji leaves). Such an event would be refused by the database at every
// attempt, so it is refused here, with where it is, before it reaches an outbox or the log.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isUnstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** For schemas of other text the server keeps (names, team ids): `.refine(isStorableText, …)`. */
export const isStorableText = (text: string): boolean => !isUnstorable(text);
export const UNSTORABLE_TEXT =
  'contains a character Clearway cannot store (often left by a broken copy and paste)';

/** The path of the first string (or key) in `value` that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isUnstorable(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (isUnstorable(key)) return [...path, key];
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
