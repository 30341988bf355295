// Listens to the server's change feed (GET /api/replication/events/stream, text/event-stream)
// with fetch rather than EventSource: fetch can send the Authorization header (Node tests have
// no cookie jar) and runs the same in the browser and in Node.
//
// Protocol: `data: {"collection": "...", "checkpoint": ...}` when something changed for this
// person, `data: "RESYNC"` on every (re)connect, `:` heartbeat comments every 15 s. A silent
// connection (a sleeping tab, a dead proxy) is dropped after HEARTBEAT_TIMEOUT_MS and reopened;
// every reopen is followed by a RESYNC, so nothing that changed while away is missed.
import { z } from 'zod';

export const HEARTBEAT_TIMEOUT_MS = 45_000;
export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;

/** What the server sends just before it closes the stream of a device that has been revoked. */
const revokedMessageSchema = z.object({ error: z.literal('device_revoked') });

const changeMessageSchema = z.union([
  z.literal('RESYNC'),
  z.object({ collection: z.string(), checkpoint: z.unknown().optional() }),
]);
export type ServerChange = z.infer<typeof changeMessageSchema>;

export type ServerEventsOptions = {
  url: string;
  getToken: () => string | null;
  onChange: (change: ServerChange) => void;
  /** Called for 4xx answers (401 device_revoked among them); the listener stops. */
  onRefused: (response: Response) => void;
  /** Called when the server ends the stream because this device was revoked; the listener stops. */
  onRevoked: () => void;
  fetch?: typeof fetch;
  /** Fires `online` when the network comes back (the window in a browser): reconnect at once
   * instead of waiting out a backoff that grew while offline, or accepted events would not be
   * heard of until then. */
  networkEvents?: EventTarget | null;
};

/** Splits an SSE byte stream into the `data:` payloads of its events. */
export function parseEventStreamChunk(buffer: string): { events: string[]; rest: string } {
  const events: string[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    if (data.length > 0) events.push(data.join('\n'));
  }
  return { events, rest };
}

/** Starts listening; returns a function that stops for good. */
export function listenToServerEvents(options: ServerEventsOptions): () => void {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let isStopped = false;
  let controller: AbortController | null = null;
  let retryMs = RECONNECT_FIRST_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let endWait: (() => void) | null = null;
  const networkEvents =
    options.networkEvents !== undefined
      ? options.networkEvents
      : typeof window !== 'undefined' && typeof window.addEventListener === 'function'
        ? window
        : null;
  const onOnline = () => {
    retryMs = RECONNECT_FIRST_MS;
    clearTimeout(retryTimer);
    endWait?.();
  };
  networkEvents?.addEventListener('online', onOnline);

  const deliver = (raw: string) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return; // not ours to act on; the next RESYNC or pull covers any change
    }
    if (revokedMessageSchema.safeParse(json).success) {
      // Wipe now rather than reconnect a second later only to be told 401.
      isStopped = true;
      controller?.abort();
      options.onRevoked();
      return;
    }
    const parsed = changeMessageSchema.safeParse(json);
    if (parsed.success) options.onChange(parsed.data);
  };

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const current = controller;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    const resetSilence = () => {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => current.abort(), HEARTBEAT_TIMEOUT_MS);
    };
    const headers = new Headers({ accept: 'text/event-stream' });
    const token = options.getToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      resetSilence();
      const response = await doFetch(options.url, {
        headers,
        signal: current.signal,
        credentials: 'same-origin',
      });
      if (response.status >= 400 && response.status < 500) {
        isStopped = true;
        options.onRefused(response);
        return;
      }
      if (!response.ok || !response.body) return;
      retryMs = RECONNECT_FIRST_MS;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        resetSilence();
        const parsed = parseEventStreamChunk(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) deliver(event);
      }
    } catch {
      // Offline, aborted for silence, or the server went away: reconnect below.
    } finally {
      clearTimeout(silenceTimer);
    }
  }

  async function loop(): Promise<void> {
    while (!isStopped) {
      await connectOnce();
      if (isStopped) return;
      await new Promise<void>((resolve) => {
        endWait = resolve;
        retryTimer = setTimeout(resolve, retryMs);
      });
      endWait = null;
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    }
  }
  void loop();

  return () => {
    isStopped = true;
    networkEvents?.removeEventListener('online', onOnline);
    endWait?.();
    clearTimeout(retryTimer);
    controller?.abort();
  };
}
