import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenToServerEvents, parseEventStreamChunk, RECONNECT_FIRST_MS } from './serverEvents';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      networkEvents: null,
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

describe('coming back online', () => {
  it('reconnects at once instead of waiting out the backoff that grew while offline', async () => {
    let connections = 0;
    let isUp = false;
    const server = createServer((_req, res) => {
      connections++;
      if (!isUp) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: "RESYNC"\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const network = new EventTarget();
    const changes: unknown[] = [];
    const stop = listenToServerEvents({
      url: `http://127.0.0.1:${port}/`,
      getToken: () => null,
      onChange: (change) => changes.push(change),
      onRefused: () => undefined,
      onRevoked: () => undefined,
      networkEvents: network,
    });
    try {
      // Refused at 0 s, 1 s and 3 s: the next try would be 4 s later, at 7 s.
      await expect.poll(() => connections, { timeout: 10_000 }).toBe(3);
      await sleep(200);
      isUp = true;
      network.dispatchEvent(new Event('online'));
      await expect.poll(() => changes, { timeout: 1_500 }).toEqual(['RESYNC']);
    } finally {
      stop();
      server.closeAllConnections();
      server.close();
    }
  });
});
