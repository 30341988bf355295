import { describe, expect, it } from 'vitest';
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
  });
});
