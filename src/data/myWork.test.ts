// My work on the device: a pulled case counts as the person's when it is allocated to them or
// waiting on them or their team (the derived `isMine` field the My work query reads).
import { describe, expect, it } from 'vitest';
import { toStreamDocument } from '../domain';
import { caseIn, people } from '../domain/testing/journeys';
import { withDerivedFields } from './migrations';

function pulled(status: string) {
  const state = caseIn('foi', status);
  return toStreamDocument(`case:${state.caseId}`, state, [], 1, '2026-03-04T10:00:00Z');
}

describe('which cases are in a person’s My work', () => {
  it('puts a case waiting to be allocated in the case worker’s work, not the official’s', () => {
    const { caseWorker, priya } = people;
    expect(withDerivedFields(pulled('to_allocate'), caseWorker.userId, caseWorker.teamIds).isMine).toBe(true);
    expect(withDerivedFields(pulled('to_allocate'), priya.userId, priya.teamIds).isMine).toBe(false);
  });

  it('puts a case in clearance in the clearance officer’s work', () => {
    const { clo, caseWorker } = people;
    expect(withDerivedFields(pulled('in_clearance'), clo.userId, clo.teamIds).isMine).toBe(true);
    expect(withDerivedFields(pulled('in_clearance'), caseWorker.userId, caseWorker.teamIds).isMine).toBe(
      false,
    );
  });

  it('keeps a case the official is working on in their work', () => {
    const { priya } = people;
    expect(withDerivedFields(pulled('in_progress'), priya.userId, priya.teamIds).isMine).toBe(true);
  });
});
