import { describe, expect, it } from 'vitest';
import { statusFilterValues, statusKeyOf, statusLabel } from './caseWords';

describe('the words for a case’s state', () => {
  it('uses the workflow table’s label', () => {
    expect(statusLabel('foi', 'awaiting_acceptance')).toBe('Awaiting acceptance');
  });

  it('finds the state from its label as well as its key', () => {
    expect(statusKeyOf('foi', 'In review')).toBe('in_review');
    expect(statusKeyOf('foi', 'in_review')).toBe('in_review');
  });

  it('filters on both the key and the label, so either summary form matches', () => {
    expect(statusFilterValues(['sent', 'closed'])).toEqual(['sent', 'Sent', 'closed', 'Closed']);
  });
});
