// Which week's digest is due at a given moment, in UK time.
import { describe, expect, it } from 'vitest';
import { digestWeekOf } from './schedule';

const mondayEight = { isoWeekday: 1, time: '08:00' };

describe('the weekly digest time', () => {
  it('is this Monday from 08:00 UK time, and last Monday before it', () => {
    // 23 November 2026 is a Monday; in November UK time is UTC.
    expect(digestWeekOf(new Date('2026-11-23T07:59:00Z'), mondayEight)).toBe('2026-11-16');
    expect(digestWeekOf(new Date('2026-11-23T08:00:00Z'), mondayEight)).toBe('2026-11-23');
    expect(digestWeekOf(new Date('2026-11-29T23:00:00Z'), mondayEight)).toBe('2026-11-23');
  });

  it('follows British Summer Time: 08:00 in London is 07:00 UTC in June', () => {
    expect(digestWeekOf(new Date('2026-06-15T06:59:00Z'), mondayEight)).toBe('2026-06-08');
    expect(digestWeekOf(new Date('2026-06-15T07:00:00Z'), mondayEight)).toBe('2026-06-15');
  });

  it('takes another weekday and time', () => {
    // Friday 16:30: on Sunday 22 November the week's send was Friday 20th.
    expect(digestWeekOf(new Date('2026-11-22T10:00:00Z'), { isoWeekday: 5, time: '16:30' })).toBe(
      '2026-11-20',
    );
  });
});
