import { describe, expect, it } from 'vitest';
import { parseEvent } from './parseEvent';
import { findUnstorableText } from './storableText';

describe('text the log can keep', () => {
  it('accepts any well-formed text, emoji and accents included', () => {
    expect(
      findUnstorableText({ subject: 'Bins 🗑️ missed in Ynys Môn', notes: ['Ça va', '“quoted”'] }),
    ).toBeNull();
  });

  it('finds half an emoji or a null character, and says where', () => {
    expect(findUnstorableText({ payload: { subject: 'Bins \ud83d missed' } })).toEqual([
      'payload',
      'subject',
    ]);
    expect(findUnstorableText({ payload: { lines: ['ok', 'tail \udc00'] } })).toEqual([
      'payload',
      'lines',
      '1',
    ]);
    expect(findUnstorableText({ payload: { text: 'a\u0000b' } })).toEqual(['payload', 'text']);
    expect(findUnstorableText({ payload: { 'key\u0000': 'x' } })).toEqual(['payload', 'key\u0000']);
    // The first in document order: a key is looked at just before what it holds.
    expect(findUnstorableText({ a: { x: '\u0000' }, 'b\u0000': 1 })).toEqual(['a', 'x']);
    expect(findUnstorableText({ 'a\u0000': { x: '\u0000' } })).toEqual(['a\u0000']);
  });

  it('walks a value nested far deeper than the call stack goes, and finds what is at the bottom', () => {
    // What a hostile device can send: 100,000 lists inside one another, a bad character inside.
    let deep: unknown = ['bottom \u0000'];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const found = findUnstorableText({ payload: { x: deep } });
    expect(found).toHaveLength(100_003);
    expect(found?.slice(0, 3)).toEqual(['payload', 'x', '0']);
  });
});

describe('events with text the log cannot keep', () => {
  const note = (payload: Record<string, unknown>) => ({
    id: '0192f0a1-7c3b-7d4e-8f00-0123456789ab',
    stream: 'case:0192f0a1-7c3b-7d4e-8f00-0123456789ab',
    type: 'note.added',
    actor: 'caseworker',
    deviceId: 'device-1',
    madeAt: '2026-03-02T09:00:00Z',
    payload,
  });

  it('are refused, saying where', () => {
    const parsed = parseEvent(note({ noteId: 'n1', text: 'Chased \ud83d' }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/^payload\.text: contains a character Clearway cannot store/);
  });

  it('are judged on what is kept: a field the event does not have is dropped, not walked', () => {
    const parsed = parseEvent(note({ noteId: 'n1', text: 'Chased', extra: ['\u0000'] }));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.event.payload).toEqual({ noteId: 'n1', text: 'Chased' });
  });
});
