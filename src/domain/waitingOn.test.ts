import { describe, expect, it } from 'vitest';
import { INFORMATION_RIGHTS_TEAM } from './principal';
import { caseIn, people } from './testing/journeys';
import { isWaitingOn, waitingOn } from './waitingOn';

describe('who a case is waiting on', () => {
  it('puts a new request, one to allocate and one ready to send in the information-rights team’s work', () => {
    for (const status of ['awaiting_clarification', 'to_allocate', 'ready_to_send', 'sent']) {
      expect({ status, waiting: waitingOn(caseIn('foi', status)) }).toEqual({
        status,
        waiting: { userIds: [], teamIds: [INFORMATION_RIGHTS_TEAM] },
      });
    }
    expect(isWaitingOn(caseIn('foi', 'to_allocate'), people.caseWorker)).toBe(true);
    expect(isWaitingOn(caseIn('foi', 'to_allocate'), people.priya)).toBe(false);
  });

  it('waits on the allocated official until they accept, then while they work on it', () => {
    expect(waitingOn(caseIn('foi', 'awaiting_acceptance')).userIds).toEqual(['priya']);
    expect(waitingOn(caseIn('foi', 'in_progress')).userIds).toEqual(['priya']);
    expect(isWaitingOn(caseIn('foi', 'in_progress'), people.caseWorker)).toBe(false);
  });

  it('waits on the contributor asked, the reviewer asked and the clearance officer asked', () => {
    expect(waitingOn(caseIn('foi', 'contributions_requested')).userIds).toEqual(['cara', 'priya']);
    expect(waitingOn(caseIn('foi', 'in_review')).userIds).toEqual(['mgr']);
    expect(waitingOn(caseIn('foi', 'in_clearance')).userIds).toEqual(['clo']);
    expect(isWaitingOn(caseIn('foi', 'in_clearance'), people.clo)).toBe(true);
  });

  it('waits on nobody once a case is closed, withdrawn or transferred', () => {
    for (const status of ['closed', 'withdrawn', 'transferred']) {
      expect(waitingOn(caseIn('foi', status))).toEqual({ userIds: [], teamIds: [] });
    }
  });
});
