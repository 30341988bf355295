// The cost limit, with sums worked out by hand: hours × £25 against £600 / £450; FOISA £15 and £600.
import { describe, expect, it } from 'vitest';
import { costableHours, estimateCost } from './index';

describe('the FOI cost limit', () => {
  it('is £600 (24 hours at £25) for central government', () => {
    // 10 hours × £25 = £250.
    expect(estimateCost({ regime: 'foi', authority: 'central_government', hours: 10 })).toEqual({
      kind: 'within_limit',
      regime: 'foi',
      hours: 10,
      costPence: 25_000,
      limitPence: 60_000,
      hourlyRatePence: 2_500,
      hoursAtLimit: 24,
      message:
        'Estimated cost £250 (10 hours at £25 an hour) is within the £600 limit for central government.',
    });
  });

  it('is £450 (18 hours) for other authorities, and exactly at the limit is still within it', () => {
    // 18 × £25 = £450: s12 applies only when the cost would exceed the limit.
    const atLimit = estimateCost({ regime: 'foi', authority: 'other', hours: 18 });
    expect(atLimit.kind).toBe('within_limit');
    // 18.5 × £25 = £462.50 > £450.
    const over = estimateCost({ regime: 'foi', authority: 'other', hours: 18.5 });
    expect(over.kind).toBe('over_limit');
    expect(over.message).toBe(
      'Estimated cost £462.50 (18.5 hours at £25 an hour) is over the £450 limit for this authority. You can refuse the request under section 12, with advice on how to narrow it.',
    );
  });

  it('puts 24.5 hours over the central government limit', () => {
    // 24.5 × £25 = £612.50 > £600.
    const e = estimateCost({ regime: 'foi', authority: 'central_government', hours: 24.5 });
    expect(e.kind === 'over_limit' && e.costPence).toBe(61_250);
  });

  it('in Scotland is £600 at £15 an hour: 40 hours', () => {
    const at = estimateCost({ regime: 'foisa', authority: 'other', hours: 40 });
    expect(at.kind === 'within_limit' && [at.costPence, at.hoursAtLimit]).toEqual([60_000, 40]);
    // 40.5 × £15 = £607.50.
    expect(estimateCost({ regime: 'foisa', authority: 'other', hours: 40.5 }).message).toContain(
      '£607.50 (40.5 hours at £15 an hour) is over the £600 limit for Scottish authorities',
    );
  });

  it('does not exist for the EIR', () => {
    const e = estimateCost({ regime: 'eir', authority: 'central_government', hours: 100 });
    expect(e.kind).toBe('no_cost_limit');
    expect(e.message).toContain('manifestly unreasonable');
  });

  it('counts only the four activities the regulations allow', () => {
    expect(
      costableHours([
        { activity: 'locating', hours: 3 },
        { activity: 'retrieving', hours: 2.5 },
      ]),
    ).toBe(5.5);
    // Redaction time may not be counted (reg 4(3)).
    expect(() => costableHours([{ activity: 'redacting' as 'locating', hours: 3 }])).toThrow(
      'Cannot estimate the cost of this work: the activity is not one of the four activities the regulations let you count (finding out if it is held, locating, retrieving, extracting).',
    );
  });

  it('refuses negative hours', () => {
    expect(() => estimateCost({ regime: 'foi', authority: 'other', hours: -1 })).toThrow(
      'Cannot estimate the cost of this request: the hours must be a number from 0 upwards.',
    );
  });
});
