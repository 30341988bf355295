// The server's verdict on events this device still holds as pending, written straight to the
// outbox by the events pull. RxDB's downstream leaves a pulled state alone when it has no
// record that the local row was pushed (its push is still waiting for an answer, or was
// answered to a page that has since been reloaded), and its checkpoint then moves past it: the
// accepted row would stay "Not sent yet" for good. Writing the verdict here closes that gap;
// the push modifier keeps these writes from going back up (it sends only pending rows).
import type { OutboxCollection } from './database';
import type { OutboxDocument } from './schemas';

/** Removes accepted events and marks refused ones, where the local row is still pending. */
export async function settleOutbox(
  outbox: OutboxCollection,
  pulled: readonly OutboxDocument[],
): Promise<void> {
  const decided = pulled.filter((event) => event._deleted || event.status === 'rejected');
  if (decided.length === 0) return;
  const local = await outbox.findByIds(decided.map((event) => event.id)).exec();
  await Promise.all(
    decided.map(async (event) => {
      const row = local.get(event.id);
      if (row?.status !== 'pending') return;
      if (event._deleted) {
        await row.incrementalRemove();
        return;
      }
      const { status, reason, seq, acceptedAt } = event;
      await row.incrementalPatch({ status, reason, seq, acceptedAt });
    }),
  );
}
