// Pushing the outbox without one bad change holding up the rest. The server refuses a whole push
// when one of its changes is malformed or unknown to it (400, 422: say an app cached before an
// update sends a change the server no longer takes) or the push is too large (413). Sent again
// as it is, that push would fail for ever, and every change queued after it with it. So a push
// refused for its content is split in halves and sent again, in order, until the change the
// server cannot take is alone; that one is marked refused on this device, with the server's
// words, and is shown like any change the server judged and refused.
import { ApiError } from './api';

/**
 * The server's own answers that mean "not this content". Anything else is retried whole: offline,
 * 401, 429, 5xx, and a 400 or 413 from a proxy or firewall in front (no such code), which says
 * nothing about the changes and must not have them all marked refused on this device.
 */
const REFUSED_CONTENT: ReadonlySet<string> = new Set([
  'invalid_event',
  'invalid_request',
  'malformed_json',
  'too_large',
]);

export async function pushInParts<R>(
  rows: readonly R[],
  push: (rows: R[]) => Promise<unknown[]>,
  refuse: (row: R, reason: string) => Promise<void>,
): Promise<unknown[]> {
  try {
    return await push([...rows]);
  } catch (error) {
    if (!(error instanceof ApiError) || !REFUSED_CONTENT.has(error.code)) throw error;
    const [only] = rows;
    if (rows.length === 1 && only !== undefined) {
      await refuse(
        only,
        error.code === 'too_large'
          ? 'This change is too large to send.'
          : // Alone in its push, the server's "Change 1 …" is this change.
            error.message.replace(/^Change \d+\b/, 'This change'),
      );
      return [];
    }
    const middle = Math.ceil(rows.length / 2);
    const first = await pushInParts(rows.slice(0, middle), push, refuse);
    return [...first, ...(await pushInParts(rows.slice(middle), push, refuse))];
  }
}
