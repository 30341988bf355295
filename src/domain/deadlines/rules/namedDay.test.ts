// Named-day questions: at least three weekdays' notice (Erskine May 22.4). Counted by hand.
import { describe, expect, it } from 'vitest';
import { checkNamedDay } from './namedDay';

describe('a Commons named-day question', () => {
  it('may name the third weekday after tabling', () => {
    // Tabled Mon 9 Mar 2026: Tue 10, Wed 11, Thu 12 → Thu 12 is the earliest named day.
    expect(checkNamedDay('2026-03-09', '2026-03-12')).toEqual({ ok: true, due: '2026-03-12' });
  });

  it('may not name a day with less notice, counting no weekend days', () => {
    // Tabled Thu 12 Mar 2026: Fri 13, Mon 16 → Mon 16 is only 2 weekdays later; Tue 17 is 3.
    expect(checkNamedDay('2026-03-12', '2026-03-16')).toEqual({
      ok: false,
      reason:
        'A named day must be at least 3 weekdays after the question is tabled; Monday 16 March 2026 is only 2 after Thursday 12 March 2026.',
    });
    expect(checkNamedDay('2026-03-12', '2026-03-17').ok).toBe(true);
  });

  it('may not name a weekend or a day before tabling', () => {
    expect(checkNamedDay('2026-03-09', '2026-03-14').ok).toBe(false);
    expect(checkNamedDay('2026-03-09', '2026-03-06')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not after'),
    });
  });
});
