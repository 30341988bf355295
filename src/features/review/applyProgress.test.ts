// What a person reads while the release copy is made, and when the engine refuses.
import { describe, expect, it } from 'vitest';
import { applyProgressText, isApplying, refusalText } from './applyProgress';

describe('apply progress', () => {
  it('counts pages done', () => {
    expect(applyProgressText({ step: 'redacting', done: 3, total: 12 })).toBe(
      'Removing the redacted content: page 3 of 12 done',
    );
    expect(applyProgressText({ step: 'redacting', done: 0, total: 0 })).toBe('Removing the redacted content');
  });

  it("says the copy was not made, in the engine's words, and that nothing changed", () => {
    expect(refusalText('this PDF is protected by a password.')).toBe(
      'The release copy was not made. This PDF is protected by a password. Nothing has been changed.',
    );
  });

  it('knows when work is under way', () => {
    expect(isApplying({ step: 'schedule' })).toBe(true);
    expect(isApplying({ step: 'refused', reason: 'x' })).toBe(false);
  });
});
