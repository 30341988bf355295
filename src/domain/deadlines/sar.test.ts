// Subject access (UK GDPR Art 12(3), 12A; ICO corresponding-date method). Expected dates worked
// out by hand from DEADLINES.md §1.12; the reasoning is beside each case.
import { describe, expect, it } from 'vitest';
import { type DueDateInput, dueDate } from './index';

const sar = (received: string, more: Partial<DueDateInput> = {}) =>
  dueDate({ rule: 'sar', received, region: 'england-and-wales', ...more });

describe('SAR: one month to the corresponding date', () => {
  it('runs from the day of receipt to the same date next month (3 Sep → 3 Oct)', () => {
    // Not from the day after receipt (the pre-2019 reading would give 4 Oct). Fri 3 Oct 2025 is a working day.
    expect(sar('2025-09-03')).toBe('2025-10-03');
  });

  it('ends on the last day of February when there is no 31st', () => {
    // 31 Jan 2025 → no 31 Feb → Fri 28 Feb 2025.
    expect(sar('2025-01-31')).toBe('2025-02-28');
    // 30 Jan 2023 → Tue 28 Feb 2023.
    expect(sar('2023-01-30')).toBe('2023-02-28');
  });

  it('ends on 29 February in a leap year', () => {
    // 31 Jan 2024 → Thu 29 Feb 2024.
    expect(sar('2024-01-31')).toBe('2024-02-29');
  });

  it('moves off Good Friday and the Easter weekend, by the controller’s own nation', () => {
    // 29 Feb 2024 → 29 Mar 2024 = Good Friday; Sat 30, Sun 31; Mon 1 Apr Easter Monday in
    // England and Wales → Tue 2 Apr. In Scotland Easter Monday is a working day → Mon 1 Apr.
    expect(sar('2024-02-29')).toBe('2024-04-02');
    expect(sar('2024-02-29', { region: 'scotland' })).toBe('2024-04-01');
  });

  it('moves off Christmas and Boxing Day', () => {
    // 25 Nov 2025 → Thu 25 Dec (Christmas), Fri 26 (Boxing Day), Sat 27, Sun 28 → Mon 29 Dec 2025.
    expect(sar('2025-11-25')).toBe('2025-12-29');
  });

  it('moves off 2 January in Scotland but not in England', () => {
    // 1 Dec 2025 → Thu 1 Jan 2026 (holiday) → Fri 2 Jan: working in England; Scottish bank
    // holiday in Scotland → Sat 3, Sun 4 → Mon 5 Jan 2026.
    expect(sar('2025-12-01')).toBe('2026-01-02');
    expect(sar('2025-12-01', { region: 'scotland' })).toBe('2026-01-05');
  });

  it('moves a date on Scotland’s World Cup holiday only in Scotland', () => {
    // 15 May 2026 → Mon 15 Jun 2026: a bank holiday in Scotland only → Tue 16 Jun there.
    expect(sar('2026-05-15')).toBe('2026-06-15');
    expect(sar('2026-05-15', { region: 'scotland' })).toBe('2026-06-16');
  });

  it('takes a weekend receipt as the start day', () => {
    // Sat 30 Nov 2024 → Mon 30 Dec 2024, a working day.
    expect(sar('2024-11-30')).toBe('2024-12-30');
  });
});

describe('SAR extension: three months from the original start', () => {
  it('is three months from the start, not two months chained onto the one-month date', () => {
    // 31 Jan 2025 + 3 months → 30 Apr 2025 (Wed). Chaining (28 Feb + 2 months) would give 28 Apr.
    expect(dueDate({ rule: 'sar_extended', received: '2025-01-31', region: 'england-and-wales' })).toBe(
      '2025-04-30',
    );
  });

  it('clamps to the end of February, and to 29 February in a leap year', () => {
    // 30 Nov 2024 + 3 months → no 30 Feb 2025 → Fri 28 Feb 2025.
    expect(dueDate({ rule: 'sar_extended', received: '2024-11-30', region: 'england-and-wales' })).toBe(
      '2025-02-28',
    );
    // 30 Nov 2023 + 3 months → Thu 29 Feb 2024.
    expect(dueDate({ rule: 'sar_extended', received: '2023-11-30', region: 'england-and-wales' })).toBe(
      '2024-02-29',
    );
  });
});

describe('SAR clock rules from 5 February 2026 (Art 12A)', () => {
  it('identity or a fee received restarts the month from that day', () => {
    // Received Mon 3 Feb 2025, identity received Mon 10 Feb → Mon 10 Mar 2025.
    expect(sar('2025-02-03', { clarificationReceived: '2025-02-10' })).toBe('2025-03-10');
  });

  it('a clarification period does not count: its days are added, then the date is moved off a weekend', () => {
    // Received Mon 3 Feb 2025 → 3 Mar. Clarification asked Mon 10 Feb, answered Fri 14 Feb:
    // 5 days (both ends count) → Sat 8 Mar → Sun 9 → Mon 10 Mar 2025.
    expect(sar('2025-02-03', { pauses: [{ from: '2025-02-10', to: '2025-02-14' }] })).toBe('2025-03-10');
  });

  it('adds the paused days to the clamped month end', () => {
    // 31 Jan 2025 → 28 Feb; pause 10–12 Feb = 3 days → Mon 3 Mar 2025.
    expect(sar('2025-01-31', { pauses: [{ from: '2025-02-10', to: '2025-02-12' }] })).toBe('2025-03-03');
  });

  it('adds paused days to an extension too', () => {
    // 31 Jan 2025 + 3 months = Wed 30 Apr; pause 3–7 Mar = 5 days → Mon 5 May 2025, the early May
    // bank holiday → Tue 6 May 2025.
    expect(
      dueDate({
        rule: 'sar_extended',
        received: '2025-01-31',
        region: 'england-and-wales',
        pauses: [{ from: '2025-03-03', to: '2025-03-07' }],
      }),
    ).toBe('2025-05-06');
  });

  it('a pause after the month has already ended does not extend it', () => {
    // 3 Feb 2025 → 3 Mar; a "pause" from 10 Mar comes too late: still Mon 3 Mar.
    expect(sar('2025-02-03', { pauses: [{ from: '2025-03-10', to: '2025-03-12' }] })).toBe('2025-03-03');
  });
});

describe('which holidays move a SAR date, as the organisation chooses', () => {
  const sarWith = (rollForward: 'any-part-of-the-uk' | 'none') =>
    ({ kind: 'months', label: 'Subject access', basis: 'statutory', months: 1, rollForward }) as const;

  it('can move off a bank holiday in any part of the UK', () => {
    // 15 May 2026 → Mon 15 Jun, Scotland's World Cup day → Tue 16 Jun even for an English controller.
    expect(
      dueDate({ rule: sarWith('any-part-of-the-uk'), received: '2026-05-15', region: 'england-and-wales' }),
    ).toBe('2026-06-16');
  });

  it('can never move the date later', () => {
    // 29 Feb 2024 → Fri 29 Mar 2024 (Good Friday) stays.
    expect(dueDate({ rule: sarWith('none'), received: '2024-02-29', region: 'england-and-wales' })).toBe(
      '2024-03-29',
    );
  });
});
