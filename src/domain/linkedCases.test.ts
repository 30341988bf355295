// Internal reviews and later complaint stages open as new cases linked to the one before;
// campaigns group near-identical requests by linking each member to the campaign case.
import { describe, expect, test } from 'vitest';
import { decide } from './decide';
import { asCase, CASE_ID, loggedEvent, NOW, OTHER_CASE_ID, people, raw, run } from './testing/journeys';

const ctx = { now: NOW };

describe('linked cases', () => {
  test('an internal review opens as its own case, linked to the FOI it reviews', () => {
    const review = asCase(run([loggedEvent('internal_review')]));
    expect(review).toMatchObject({ caseType: 'internal_review', status: 'logged' });
    expect(review.links).toEqual([
      { caseId: OTHER_CASE_ID, relation: 'internal_review_of', reference: 'FOI-2026-00001' },
    ]);
  });

  test('a stage 2 complaint opens linked to stage 1', () => {
    const logged = loggedEvent('complaint');
    const stage2 = {
      ...logged,
      payload: {
        ...logged.payload,
        complaintStage: 2,
        linkedTo: { caseId: OTHER_CASE_ID, relation: 'complaint_escalation_of' },
      },
    };
    expect(asCase(run([stage2]))).toMatchObject({
      complaintStage: 2,
      links: [{ relation: 'complaint_escalation_of' }],
    });
  });

  test('a request joins a campaign by a link, once', () => {
    const join = () => raw('case.linked', { caseId: OTHER_CASE_ID, relation: 'campaign_member_of' }, 'cw');
    const member = run([loggedEvent('foi'), join()]);
    expect(asCase(member).links).toEqual([{ caseId: OTHER_CASE_ID, relation: 'campaign_member_of' }]);
    expect(decide(member, join(), people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'These cases are already linked that way.',
    });
  });

  test('a case cannot be linked to itself', () => {
    const state = run([loggedEvent('foi')]);
    const event = raw('case.linked', { caseId: CASE_ID, relation: 'related' }, 'cw');
    expect(decide(state, event, people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'A case cannot be linked to itself.',
    });
  });
});

describe('logging', () => {
  test('only the information-rights team logs new cases', () => {
    expect(decide(null, loggedEvent('foi', 'priya'), people.priya, ctx)).toEqual({
      ok: false,
      reason: 'Only a case worker or a manager can log a case.',
    });
  });

  test('a case cannot be logged twice', () => {
    const state = run([loggedEvent('foi')]);
    expect(decide(state, loggedEvent('foi'), people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'This case has already been logged.',
    });
  });
});
