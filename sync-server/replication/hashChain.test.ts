// The chain's hash is cut in two so most of it is worked out before the log's lock (chainParts);
// it must stay exactly sha256(prevHash + canonical JSON of the whole event), the format stored
// logs were chained with, for any payload.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, chainHash } from './hashChain';

const text = fc.string({ maxLength: 40 });
const json = fc.jsonValue({ maxDepth: 3 });
const event: fc.Arbitrary<ChainedEvent> = fc.record({
  id: text,
  stream: text,
  type: text,
  actor: text,
  deviceId: text,
  madeAt: text,
  // Keys that are also the envelope's (seq, stream) must not confuse the cut.
  payload: fc.dictionary(fc.oneof(text, fc.constantFrom('seq', 'stream', 'type', 'payload')), json),
  seq: fc.integer({ min: 1, max: 2 ** 40 }),
  acceptedAt: text,
});

/** The canonical JSON stored logs were chained with, as first written: the format to keep. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes any value as the chain has always written it', () => {
    // Any JSON, with fields left undefined, keys in any order and of any characters.
    const anything = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
    );
  });
});

describe('chainHash', () => {
  it('is sha256 of the previous hash and the canonical JSON of the whole event', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), event, (prevHash, e) => {
        const whole = createHash('sha256')
          .update(prevHash + canonicalJson(e))
          .digest('hex');
        expect(chainHash(prevHash, e)).toBe(whole);
      }),
    );
  });

  it('changes when the seq or any field changes', () => {
    const e: ChainedEvent = {
      id: 'e1',
      stream: 'case:1',
      type: 'note.added',
      actor: 'u1',
      deviceId: 'd1',
      madeAt: '2026-01-01T00:00:00Z',
      payload: { noteId: 'n1', text: 'hello' },
      seq: 7,
      acceptedAt: '2026-01-01T00:00:01Z',
    };
    const base = chainHash('', e);
    expect(chainHash('', { ...e, seq: 8 })).not.toBe(base);
    expect(chainHash('', { ...e, payload: { noteId: 'n1', text: 'hullo' } })).not.toBe(base);
    expect(chainHash('x', e)).not.toBe(base);
  });
});
