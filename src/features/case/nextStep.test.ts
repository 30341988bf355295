import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../domain/caseState';
import type { IsoDate } from '../../domain/ids';
import { loggedFoiCase } from './caseState.fixture';
import { type NextStepContext, nextStep } from './nextStep';

const NAMES: Record<string, string> = {
  priya: 'Priya Shah',
  tom: 'Tom Wu',
  clear: 'Cleo Reid',
  caseworker: 'Sam Case',
};
const context = (overrides: Partial<NextStepContext> = {}): NextStepContext => ({
  nameOf: (id) => NAMES[id] ?? id,
  milestones: [
    {
      key: 'draft_due',
      label: 'Draft response due',
      status: 'set',
      due: '2026-03-24' as IsoDate,
      isCompressed: false,
    },
    {
      key: 'clearance_due',
      label: 'Clearance due',
      status: 'set',
      due: '2026-03-27' as IsoDate,
      isCompressed: false,
    },
  ],
  due: '2026-04-02',
  today: '2026-03-06',
  ...overrides,
});

const allocation = (
  to: string,
  service: string,
  status: Allocation['status'],
  acceptBy: string | null = '2026-03-09',
): Allocation => ({
  allocationId: `${to}-1`,
  to,
  teamId: service.toLowerCase(),
  service,
  acceptBy: acceptBy as IsoDate | null,
  status,
  allocatedBy: 'caseworker',
  allocatedAt: '2026-03-05T10:00:00Z',
  reason: null,
});

describe('what happens next on a case', () => {
  it('a new case needs allocating, and says the clock is already running', () => {
    expect(nextStep(loggedFoiCase(), context()).sentence).toBe(
      'The information rights team needs to allocate this request to the service that holds the information by 2 April 2026; the time to answer is already running.',
    );
  });

  it('names every service that must accept, and by when', () => {
    const state = loggedFoiCase({
      status: 'awaiting_acceptance',
      allocations: [
        allocation('priya', 'Waste policy', 'awaiting_acceptance'),
        allocation('tom', 'IT', 'awaiting_acceptance'),
      ],
    });
    const step = nextStep(state, context());
    expect(step.sentence).toBe(
      'Priya Shah (Waste policy) and Tom Wu (IT) need to accept or reject their allocations by 9 March 2026.',
    );
    expect(step.waitingOn).toEqual(['priya', 'tom']);
    expect(step.isLate).toBe(false);
  });

  it('flags an allocation not accepted in time as urgent', () => {
    const state = loggedFoiCase({
      status: 'awaiting_acceptance',
      allocations: [allocation('priya', 'Waste policy', 'awaiting_acceptance')],
    });
    const step = nextStep(state, context({ today: '2026-03-10' }));
    expect(step.isLate).toBe(true);
    expect(step.sentence).toContain('This is overdue: treat the case as urgent.');
  });

  it('asks the accepted owners for a draft by the draft milestone', () => {
    const state = loggedFoiCase({
      status: 'in_progress',
      allocations: [allocation('priya', 'Waste policy', 'accepted')],
    });
    expect(nextStep(state, context()).sentence).toBe(
      'Priya Shah (Waste policy) needs to draft the response by 24 March 2026.',
    );
  });

  it('names the reviewer while the draft is in review', () => {
    const state = loggedFoiCase({
      status: 'in_review',
      reviews: [
        {
          id: 'r1',
          by: 'caseworker',
          requestedBy: 'priya',
          status: 'requested',
          comments: null,
          draftVersion: 1,
        },
      ],
    });
    const step = nextStep(state, context());
    expect(step.sentence).toBe(
      'Sam Case needs to approve the draft or return it with comments by 27 March 2026.',
    );
    expect(step.waitingOn).toEqual(['caseworker']);
  });

  it('while waiting for clarification, says the clock is stopped and when to withdraw', () => {
    const state = loggedFoiCase({
      status: 'awaiting_clarification',
      clockStops: [
        { kind: 'clarification', from: '2026-03-06' as IsoDate, to: null, detail: 'Which wards?' },
      ],
    });
    expect(nextStep(state, context({ clarificationWithdrawBy: '2026-06-01' })).sentence).toBe(
      'Amira Khan needs to clarify the request (asked 6 March 2026). The clock is stopped; record the answer when it comes, or withdraw the case if no answer comes by 1 June 2026.',
    );
  });
});
