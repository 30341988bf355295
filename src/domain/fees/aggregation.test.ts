// Adding similar requests together within 60 working days (reg 5). Working-day counts by hand on
// the any-part-of-the-UK calendar, 2026: 17 Mar (NI), 3 Apr, 6 Apr, 4 May, 25 May not counted.
//   From Mon 9 Mar to Mon 1 Jun: Mar 10–13 (4), 16, 18–20 (8), 23–27 (13), 30–31 (15); Apr 1–2
//   (17), 7–10 (21), 13–17 (26), 20–24 (31), 27–30 (35); May 1 (36), 5–8 (40), 11–15 (45),
//   18–22 (50), 26–29 (54); Jun 1 (55). So 55 working days after 9 Mar.
//   From Tue 3 Mar: + 4, 5, 6, 9 Mar = 59 → both in one run of 60 working days (3 Mar … 1 Jun).
//   From Mon 2 Mar: + 3 Mar = 60 → the run 2 Mar … 1 Jun is 61 working days: outside.
import { describe, expect, it } from 'vitest';
import { aggregateForCostLimit, type RequestForCost } from './index';

const request = (over: Partial<RequestForCost> & Pick<RequestForCost, 'id' | 'received'>) => ({
  reference: `FOI-2026-${over.id}`,
  requesterIds: ['alex'],
  topics: ['Planning enforcement'],
  hours: 4,
  ...over,
});

const current = request({ id: '00500', received: '2026-06-01', hours: 10 });

describe('adding similar requests together for the cost limit', () => {
  it('adds earlier similar requests from the same person inside 60 working days, and only those', () => {
    const result = aggregateForCostLimit({
      regime: 'foi',
      authority: 'central_government',
      current,
      earlier: [
        request({ id: '00101', received: '2026-03-09', hours: 6 }), // 55 working days: in
        request({ id: '00102', received: '2026-03-03' }), // 59: in
        request({ id: '00103', received: '2026-03-02' }), // 60: out
        request({ id: '00104', received: '2026-05-20', requesterIds: ['sam'] }),
        request({ id: '00105', received: '2026-05-20', topics: ['Parking fines'] }),
      ],
    });
    expect(result.kind).toBe('aggregated');
    if (result.kind !== 'aggregated') return;
    expect(result.included.map((r) => r.id)).toEqual(['00101', '00102']);
    expect(result.leftOut).toEqual([
      { id: '00103', reference: 'FOI-2026-00103', because: 'outside_60_working_days' },
      { id: '00104', reference: 'FOI-2026-00104', because: 'different_requester' },
      { id: '00105', reference: 'FOI-2026-00105', because: 'not_similar' },
    ]);
    // 10 + 6 + 4 = 20 hours = £500: within £600 for central government…
    expect(result.totalHours).toBe(20);
    expect(result.estimate.kind).toBe('within_limit');
    expect(result.message).toBe(
      'Added together with 2 earlier requests from the same person for similar information within 60 working days (FOI-2026-00101, FOI-2026-00102). Estimated cost £500 (20 hours at £25 an hour) is within the £600 limit for central government.',
    );
    // …but over £450 for any other authority.
    const other = aggregateForCostLimit({
      regime: 'foi',
      authority: 'other',
      current,
      earlier: [
        request({ id: '00101', received: '2026-03-09', hours: 6 }),
        request({ id: '00102', received: '2026-03-03' }),
      ],
    });
    expect(other.estimate.kind).toBe('over_limit');
  });

  it('treats people acting together as one requester, and topic tags without regard to case', () => {
    const result = aggregateForCostLimit({
      regime: 'foi',
      authority: 'other',
      current: { ...current, requesterIds: ['alex', 'campaign-42'] },
      earlier: [
        request({
          id: '00201',
          received: '2026-05-01',
          requesterIds: ['campaign-42'],
          topics: ['planning ENFORCEMENT '],
        }),
      ],
    });
    expect(result.kind === 'aggregated' && result.included.map((r) => r.id)).toEqual(['00201']);
  });

  it('places a weekend receipt at the next working day', () => {
    // Sat 28 Feb → Mon 2 Mar: 60 working days before 1 Jun, out. Sat 7 Mar → Mon 9 Mar: 55, in.
    const result = aggregateForCostLimit({
      regime: 'foi',
      authority: 'other',
      current,
      earlier: [
        request({ id: '00301', received: '2026-02-28' }),
        request({ id: '00302', received: '2026-03-07' }),
      ],
    });
    expect(result.kind === 'aggregated' && result.included.map((r) => r.id)).toEqual(['00302']);
  });

  it('counts Scottish working days for FOISA', () => {
    // From Wed 4 Mar: FOI days 58 (in); Scottish days add 17 Mar and 6 Apr, which are working days
    // in Scotland: 60 (out).
    const earlier = [request({ id: '00401', received: '2026-03-04' })];
    const foi = aggregateForCostLimit({ regime: 'foi', authority: 'other', current, earlier });
    const foisa = aggregateForCostLimit({ regime: 'foisa', authority: 'other', current, earlier });
    expect(foi.kind === 'aggregated' && foi.included.length).toBe(1);
    expect(foisa.kind === 'aggregated' && foisa.leftOut.map((r) => r.because)).toEqual([
      'outside_60_working_days',
    ]);
  });

  it('does not add requests together under the EIR', () => {
    const result = aggregateForCostLimit({
      regime: 'eir',
      authority: 'other',
      current,
      earlier: [request({ id: '00501', received: '2026-05-20' })],
    });
    expect(result.kind).toBe('not_applicable');
    expect(result.message).toBe('The EIR have no cost limit, so requests are not added together.');
  });
});
