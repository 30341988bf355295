// The timeline says who was added to or removed from the third parties named on a case.
import { describe, expect, it } from 'vitest';
import { thirdPartiesChange } from './thirdPartiesChange';

describe('a change to the third parties named on a case', () => {
  it('says who was named and who no longer is', () => {
    expect(thirdPartiesChange(['Ann Lee'], ['Ann Lee', 'Daniel Okoro'])).toBe(
      'Third parties: named Daniel Okoro',
    );
    expect(thirdPartiesChange(['Ann Lee', 'Bo Chen'], ['Daniel Okoro'])).toBe(
      'Third parties: named Daniel Okoro; no longer named Ann Lee, Bo Chen',
    );
  });

  it('is nothing when the list did not change', () => {
    expect(thirdPartiesChange(['Ann Lee'], ['Ann Lee'])).toBeNull();
  });

  it('stays within the length an event reason may have', () => {
    const many = Array.from({ length: 50 }, (_, i) => `Person number ${i} with a long name`);
    const reason = thirdPartiesChange([], many);
    expect(reason).toBe('Third parties: 50 named, 0 no longer named');
  });
});
