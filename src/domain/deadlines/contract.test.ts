// The contract other parts of Clearway call (src/domain/deadlines/index.ts): every named rule in
// the issue answers with a date, or an instant for breach, and stamps the calendar version.
import { describe, expect, it } from 'vitest';
import {
  calendarWithExtraDays,
  computeDeadline,
  dueDate,
  explainDueDate,
  REGIONS,
  RULES,
  shippedCalendar,
} from './index';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTRACT_RULES = [
  'foi',
  'eir',
  'eir_extended',
  'internal_review',
  'foisa',
  'sar',
  'sar_extended',
] as const;

describe('the deadline contract', () => {
  it('gives a YYYY-MM-DD due date for every date rule in every region', () => {
    for (const rule of CONTRACT_RULES) {
      for (const region of REGIONS) {
        const due = dueDate({ rule, received: '2026-02-02', region });
        expect(due, `${rule} ${region}`).toMatch(DATE);
        expect(due > '2026-02-02').toBe(true);
      }
    }
  });

  it('gives an ISO instant for breach72h', () => {
    expect(dueDate({ rule: 'breach72h', received: '2026-02-02T09:15:00Z', region: 'scotland' })).toBe(
      '2026-02-05T09:15:00.000Z',
    );
  });

  it('answers for every rule in the registry and stamps the calendar version', () => {
    for (const rule of Object.keys(RULES) as (keyof typeof RULES)[]) {
      const received = RULES[rule].kind === 'hours' ? '2026-07-01T12:00:00Z' : '2026-07-01';
      const d = computeDeadline({ rule, received, region: 'northern-ireland' });
      expect(d.calendarVersion).toBe(shippedCalendar.version);
      expect(d.label).toBe(RULES[rule].label);
      expect(explainDueDate({ rule, received, region: 'northern-ireland' }).due).toBe(d.due);
    }
  });

  it('finds a date worked out before only for the same input on the same calendar', () => {
    const input = { rule: 'foi', received: '2026-02-02', region: 'england-and-wales' } as const;
    const first = computeDeadline(input);
    expect(first.due).toBe('2026-03-02');
    // What a caller does with its answer does not change the next answer.
    first.due = 'changed';
    expect(computeDeadline(input).due).toBe('2026-03-02');
    // Another calendar (2 Mar a holiday) and another input are worked out afresh.
    const calendar = calendarWithExtraDays(shippedCalendar, [
      { date: '2026-03-02', title: 'A day of mourning', regions: ['england-and-wales'] },
    ]);
    expect(computeDeadline(input, calendar).due).toBe('2026-03-03');
    expect(computeDeadline({ ...input, received: '2026-02-03' }).due).toBe('2026-03-03');
    expect(computeDeadline({ ...input, region: 'scotland' }).rule).toBe('foi');
  });
});
