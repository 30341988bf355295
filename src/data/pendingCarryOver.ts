// Changes made on this device under a session the server ended for going unused (401
// session_expired) are still the same person's, on the same device. The server takes a change
// only as made on the session that sends it, so when that person signs in again here, the
// changes not yet sent are moved to the new session before anything is pushed: they go up and
// are judged like any other, instead of coming back refused as "made on another session".
import type { OutboxCollection } from './database';

/** Moves this device's unsent changes from the session that ended to the new one; how many. */
export async function carryOverPending(
  outbox: OutboxCollection,
  endedDeviceId: string,
  newDeviceId: string,
): Promise<number> {
  const pending = await outbox.find({ selector: { status: 'pending', deviceId: endedDeviceId } }).exec();
  for (const row of pending) await row.incrementalPatch({ deviceId: newDeviceId });
  return pending.length;
}
