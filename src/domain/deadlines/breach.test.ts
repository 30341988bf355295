// Breach reports: 72 elapsed hours from becoming aware (UK GDPR Art 33(1)), on absolute time,
// shown in UK time. Instants worked out by hand; clock changes 2026: 29 Mar (forward), 25 Oct (back).
import { describe, expect, it } from 'vitest';
import { dueDate, explainDueDate, formatDueInstant } from './index';

const breach = (received: string) => dueDate({ rule: 'breach72h', received, region: 'england-and-wales' });

describe('breach: 72 hours', () => {
  it('crosses the spring clock change: 72 hours after 10:00 GMT is 11:00 BST', () => {
    // Fri 27 Mar 2026 10:00 GMT = 10:00Z. +72h = Mon 30 Mar 10:00Z = 11:00 BST.
    expect(breach('2026-03-27T10:00:00Z')).toBe('2026-03-30T10:00:00.000Z');
    const lines = explainDueDate({
      rule: 'breach72h',
      received: '2026-03-27T10:00:00Z',
      region: 'scotland',
    }).lines;
    expect(lines.join('\n')).toContain('11:00 on Monday 30 March 2026');
  });

  it('crosses the autumn clock change: 14:00 BST becomes 13:00 GMT', () => {
    // Fri 23 Oct 2026 14:00 BST = 13:00Z. +72h = Mon 26 Oct 13:00Z = 13:00 GMT.
    expect(breach('2026-10-23T14:00:00+01:00')).toBe('2026-10-26T13:00:00.000Z');
    const lines = explainDueDate({
      rule: 'breach72h',
      received: '2026-10-23T14:00:00+01:00',
      region: 'england-and-wales',
    });
    expect(lines.lines.join('\n')).toContain('13:00 on Monday 26 October 2026');
  });

  it('reads a time given without an offset as UK time', () => {
    // 10:00 on Fri 27 Mar 2026 is GMT (10:00Z); 14:00 on Fri 23 Oct 2026 is BST (13:00Z).
    expect(breach('2026-03-27T10:00')).toBe('2026-03-30T10:00:00.000Z');
    expect(breach('2026-10-23T14:00')).toBe('2026-10-26T13:00:00.000Z');
  });

  it('does not stop for Christmas or weekends', () => {
    // Wed 24 Dec 2025 09:00Z + 72h = Sat 27 Dec 09:00Z.
    expect(breach('2025-12-24T09:00:00Z')).toBe('2025-12-27T09:00:00.000Z');
  });

  it('asks for a time, not just a date', () => {
    expect(() => breach('2026-03-27')).toThrow(/date and time/);
  });

  it('shows the hours left in plain words', () => {
    // Due 10:00Z 30 Mar; now 05:00Z 30 Mar → 5 hours left; shown at 11:00 BST.
    expect(formatDueInstant('2026-03-30T10:00:00.000Z', '2026-03-30T05:00:00Z')).toBe(
      'Due by 11:00 on Monday 30 March 2026 (UK time): 5 hours left',
    );
    expect(formatDueInstant('2026-03-30T10:00:00.000Z', '2026-03-30T12:30:00Z')).toBe(
      'Due by 11:00 on Monday 30 March 2026 (UK time): 2 hours overdue',
    );
  });
});
