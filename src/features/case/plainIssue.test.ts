import { describe, expect, it } from 'vitest';
import { allocationRejectedSchema } from '../../domain/events/casePayloads';
import { plainIssue } from './plainIssue';

describe('a refused step in plain words', () => {
  it('names the field and says what is wrong', () => {
    const result = allocationRejectedSchema.safeParse({ allocationId: 'a1', reason: ' ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(plainIssue)).toEqual([
      'The reason must say why the allocation is rejected.',
    ]);
  });

  it('turns a field name it has no words for into words', () => {
    expect(plainIssue({ path: ['documentSha'], message: 'must be a SHA-256 hash' })).toBe(
      'The document sha must be a SHA-256 hash.',
    );
  });
});
