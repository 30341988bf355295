import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenToServerEvents, parseEventStreamChunk, RECONNECT_FIRST_MS } from './serverEvents';

describe('reading the server change feed', () => {
  it('finds each event’s data, ignores heartbeats, and keeps a half-received event for the next chunk', () => {
    const first = parseEventStreamChunk(': heartbeat\n\ndata: "RESYNC"\n\ndata: {"collection":"ca');
    expect(first.events).toEqual(['"RESYNC"']);
    const second = parseEventStreamChunk(`${first.rest}ses","checkpoint":{"id":"x","seq":4}}\n\n`);
    expect(second.events.map((e) => JSON.parse(e))).toEqual([
      { collection: 'cases', checkpoint: { id: 'x', seq: 4 } },
    ]);
    expect(second.rest).toBe('');
  });

  it('accepts Windows line endings and joins multi-line data', () => {
    const parsed = parseEventStreamChunk('data: {"collection":\r\ndata: "events"}\r\n\r\n');
    expect(parsed.events.map((e) => JSON.parse(e))).toEqual([{ collection: 'events' }]);
  });
});

describe('listening to the change feed', () => {
  it('stops at once and says so when the server ends the stream of a revoked device', async () => {
    let connections = 0;
    const server = createServer((_req, res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: "RESYNC"\n\n');
      res.end('event: revoked\ndata: {"error":"device_revoked","message":"This device was signed out."}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const changes: unknown[] = [];
    let revoked = 0;
    const stop = listenToServerEvents({
      url: `http://127.0.0.1:${port}/`,
      getToken: () => 'token',
      onChange: (change) => changes.push(change),
      onRefused: () => undefined,
      onRevoked: () => revoked++,
    });
    try {
      await expect.poll(() => revoked).toBe(1);
      // Well past the first reconnect delay: a listener that had not stopped would be back.
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_FIRST_MS * 2.5));
      expect(connections).toBe(1);
      expect(changes).toEqual(['RESYNC']);
    } finally {
      stop();
      server.close();
    }
  });
});
