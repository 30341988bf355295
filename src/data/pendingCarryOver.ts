// Changes made on this device under a session the server ended for going unused (401
// session_expired) are still the same person's, on the same device. The server takes a change
// only as made on the session that sends it, so when that person signs in again here, the
// changes not yet sent are moved to the new session before anything is pushed: they go up and
// are judged like any other, instead of coming back refused as "made on another session".
// Caveat: the device may have been revoked since the session ended (from the devices list, or
// an administrator's reset with "sign out"). The ended session is asked about first, with its
// own token: only one the server still calls merely expired has its changes carried over.
import { z } from 'zod';
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

/**
 * What the server says of the ended session now. `ended`: expired only, its changes may go up
 * under the new session. `withdrawn`: revoked (or unknown to the server), what it left must go.
 * `unanswered`: no answer the device can trust (offline, a server error).
 */
export type EndedSessionCheck = 'ended' | 'withdrawn' | 'unanswered';

const problemSchema = z.object({ error: z.string() });

/**
 * Asks GET /api/me with the ended session's token. Sent with fetch itself, not the api client:
 * its 401 handlers would wipe or end whatever this device has open now.
 */
export async function checkEndedSession(
  doFetch: typeof fetch,
  baseUrl: string,
  endedToken: string,
): Promise<EndedSessionCheck> {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/me`, {
      // The bearer token alone: the cookie is the new session's.
      credentials: 'omit',
      headers: { authorization: `Bearer ${endedToken}` },
    });
  } catch {
    return 'unanswered';
  }
  // Still good (the idle limit was raised meanwhile): the same person's session, not revoked.
  if (response.ok) return 'ended';
  if (response.status !== 401) return 'unanswered';
  const problem = problemSchema.safeParse(await response.json().catch(() => null));
  if (!problem.success) return 'unanswered';
  // Revoked is answered first, however long the session lay unused (see the server's
  // authenticate.ts); any other refusal (not_signed_in: the server does not know the session)
  // cannot vouch that it was not withdrawn either.
  return problem.data.error === 'session_expired' ? 'ended' : 'withdrawn';
}
