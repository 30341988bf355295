// What a change to the third parties named on a case says on its timeline: who was added and
// who removed, in plain words; nothing when the list is the same.
const list = (names: readonly string[]) => names.join(', ');

export function thirdPartiesChange(before: readonly string[], after: readonly string[]): string | null {
  const added = after.filter((n) => !before.includes(n));
  const removed = before.filter((n) => !after.includes(n));
  const parts = [
    added.length > 0 ? `named ${list(added)}` : '',
    removed.length > 0 ? `no longer named ${list(removed)}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  // The reason is short text on the event (500 characters): a long list is summarised.
  const reason = `Third parties: ${parts.join('; ')}`;
  return reason.length <= 500
    ? reason
    : `Third parties: ${added.length} named, ${removed.length} no longer named`;
}
