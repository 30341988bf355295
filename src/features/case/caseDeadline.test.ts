import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../domain/ids';
import { caseDeadline } from './caseDeadline';
import { loggedFoiCase } from './caseState.fixture';

const day = (d: string) => d as IsoDate;

describe('the deadline panel of a case', () => {
  // Received Wed 4 March 2026: day 1 is Thu 5 March; 20 working days, skipping St Patrick's Day
  // (17 March, Northern Ireland: FOI counts bank holidays in any part of the UK) → Thu 2 April.
  it('shows the FOI due date with working days left and its colour', () => {
    const deadline = caseDeadline(loggedFoiCase(), day('2026-03-30'), '2026-03-30T10:00:00Z');
    expect(deadline.kind).toBe('due');
    if (deadline.kind !== 'due') return;
    expect(deadline.due).toBe('2026-04-02');
    expect(deadline.dueText).toBe('Due 2 April (3 working days left)');
    expect(deadline.rag).toBe('amber');
    expect(deadline.explanation.lines.length).toBeGreaterThan(0);
  });

  it('a clarification restarts the 20 working days from the day the answer came', () => {
    const state = loggedFoiCase({
      clockStops: [
        { kind: 'clarification', from: day('2026-03-06'), to: day('2026-03-10'), detail: 'Which wards?' },
      ],
      clockRestartedOn: day('2026-03-10'),
    });
    const deadline = caseDeadline(state, day('2026-03-10'), '2026-03-10T10:00:00Z');
    // Day 0 Tue 10 March; skipping 17 March, Good Friday 3 April and Easter Monday 6 April → Fri 10 April.
    expect(deadline.kind === 'due' && deadline.due).toBe('2026-04-10');
  });

  it('says the clock is stopped while the requester is asked to clarify', () => {
    const state = loggedFoiCase({
      status: 'awaiting_clarification',
      clockStops: [{ kind: 'clarification', from: day('2026-03-06'), to: null, detail: 'Which wards?' }],
    });
    expect(caseDeadline(state, day('2026-03-09'), '2026-03-09T10:00:00Z')).toEqual({
      kind: 'stopped',
      since: '2026-03-06',
      why: 'The clock is stopped: waiting for the requester to clarify.',
    });
  });

  it('places the accept-allocation milestone two working days after allocation', () => {
    const state = loggedFoiCase({
      status: 'awaiting_acceptance',
      allocations: [
        {
          allocationId: 'a1',
          to: 'official',
          teamId: 'waste',
          service: 'Waste policy',
          acceptBy: null,
          status: 'awaiting_acceptance',
          allocatedBy: 'caseworker',
          allocatedAt: '2026-03-05T10:00:00Z',
          reason: null,
        },
      ],
    });
    const deadline = caseDeadline(state, day('2026-03-05'), '2026-03-05T10:00:00Z');
    const accept =
      deadline.kind === 'due' ? deadline.milestones.find((m) => m.key === 'accept_allocation') : undefined;
    expect(accept?.status === 'set' && accept.due).toBe('2026-03-09');
  });

  it('is red when overdue', () => {
    const deadline = caseDeadline(loggedFoiCase(), day('2026-04-03'), '2026-04-03T10:00:00Z');
    expect(deadline.kind === 'due' && deadline.rag).toBe('red');
  });
});
