import { describe, expect, it } from 'vitest';
import { withdrawAfter } from './clarificationWait';

describe('waiting for a clarification', () => {
  it('lets an unanswered request be withdrawn after the configured working days, skipping bank holidays', () => {
    // Asked Wed 1 April 2026; 5 working days skip Good Friday 3 April and Easter Monday 6 April → Fri 10 April.
    expect(withdrawAfter('2026-04-01', 5)).toBe('2026-04-10');
  });

  it('waits about three months by default', () => {
    expect(withdrawAfter('2026-01-05')).toBe('2026-03-30');
  });
});
