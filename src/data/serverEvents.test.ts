import { describe, expect, it } from 'vitest';
import { parseEventStreamChunk } from './serverEvents';

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
