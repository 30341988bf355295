// Internal milestones on the same calendar as the due date. Dates counted by hand.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MILESTONES, milestones, shippedCalendar } from './index';

describe('internal milestones', () => {
  it('derive from allocation and the due date by the organisation’s working-day offsets', () => {
    // FOI received Mon 2 Feb 2026, due Mon 2 Mar; allocated Tue 3 Feb.
    // Accept: 2 working days after Tue 3 → Thu 5 Feb.
    // Contributions: 10 before 2 Mar → 27, 26, 25, 24, 23, 20, 19, 18, 17, 16 → Mon 16 Feb.
    // Draft: 7 before → Thu 19 Feb. Clearance: 4 before → Tue 24 Feb. Hand back: 2 before → Thu 26 Feb.
    const result = milestones(
      DEFAULT_MILESTONES,
      { received: '2026-02-02', due: '2026-03-02', allocatedOn: '2026-02-03' },
      shippedCalendar,
      'england-and-wales',
    );
    expect(result.map((m) => (m.status === 'set' ? [m.key, m.due] : [m.key, m.status]))).toEqual([
      ['accept_allocation', '2026-02-05'],
      ['contributions_due', '2026-02-16'],
      ['draft_due', '2026-02-19'],
      ['clearance_due', '2026-02-24'],
      ['hand_back', '2026-02-26'],
    ]);
  });

  it('skip bank holidays when counting back from the due date', () => {
    // Due Tue 7 Apr 2026 (E&W). Hand back 2 working days before: Mon 6 Apr Easter Monday,
    // Fri 3 Apr Good Friday, Thu 2 Apr = 1, Wed 1 Apr = 2 → Wed 1 Apr.
    const [handBack] = milestones(
      { milestones: [{ key: 'hand_back', label: 'Hand back', from: 'due', workingDays: -2 }] },
      { received: '2026-03-09', due: '2026-04-07' },
      shippedCalendar,
      'england-and-wales',
    );
    expect(handBack).toEqual({
      key: 'hand_back',
      label: 'Hand back',
      status: 'set',
      due: '2026-04-01',
      isCompressed: false,
    });
  });

  it('wait for the allocation before setting the acceptance date', () => {
    const [accept] = milestones(
      DEFAULT_MILESTONES,
      { received: '2026-02-02', due: '2026-03-02' },
      shippedCalendar,
      'scotland',
    );
    expect(accept).toEqual({
      key: 'accept_allocation',
      label: 'Accept or reject the allocation',
      status: 'waiting',
      reason: 'Set when the case is allocated',
    });
  });

  it('are pulled up to the first working day when a short deadline leaves no room', () => {
    // PQ received Mon 2 Feb 2026, due Mon 9 Feb: 10 working days before is in January, before the
    // question arrived → shown as due Mon 2 Feb, marked compressed.
    const result = milestones(
      DEFAULT_MILESTONES,
      { received: '2026-02-02', due: '2026-02-09' },
      shippedCalendar,
      'england-and-wales',
    );
    expect(result[1]).toEqual({
      key: 'contributions_due',
      label: 'Contributions due',
      status: 'set',
      due: '2026-02-02',
      isCompressed: true,
    });
  });
});
