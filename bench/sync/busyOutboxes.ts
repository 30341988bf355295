// What each of bench:sync's devices pushes, timed: a busy outbox, push after push — a newly
// logged case, and notes on the case in hand — as the bodies of its push requests.
import { caseLogged, eventOn, outboxRow, type SignedIn } from '../../sync-server/testing/server';

export function busyOutboxes(
  who: SignedIn,
  caseInHand: string,
  pushes: number,
  eventsPerPush: number,
): string[] {
  return Array.from({ length: pushes }, (_, p) =>
    JSON.stringify(
      [
        caseLogged(who),
        ...Array.from({ length: eventsPerPush - 1 }, (_, i) =>
          eventOn(who, caseInHand, 'note.added', {
            noteId: `p${p}n${i}`,
            text: `Chased the policy team (${i}).`,
          }),
        ),
      ].map(outboxRow),
    ),
  );
}
