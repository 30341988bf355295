import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain';
import { allowedSteps } from './allowedSteps';
import { loggedFoiCase } from './caseState.fixture';

const caseWorker: Principal = {
  userId: 'caseworker',
  displayName: 'Sam Case',
  roles: ['case_worker'],
  teamIds: ['information-rights'],
};
const official: Principal = {
  userId: 'official',
  displayName: 'Priya Shah',
  roles: ['policy_official'],
  teamIds: ['waste'],
};

describe('the steps a person is offered on a case', () => {
  it('offers the case worker allocation and clarification on a new request', () => {
    const steps = allowedSteps(loggedFoiCase(), caseWorker);
    expect(steps.has('case.allocated')).toBe(true);
    expect(steps.has('case.clarification_requested')).toBe(true);
  });

  it('does not offer a policy official the allocation of a new request', () => {
    expect(allowedSteps(loggedFoiCase(), official).has('case.allocated')).toBe(false);
  });

  it('offers closing only once the response is sent', () => {
    expect(allowedSteps(loggedFoiCase(), caseWorker).has('case.closed')).toBe(false);
    expect(allowedSteps(loggedFoiCase({ status: 'sent' }), caseWorker).has('case.closed')).toBe(true);
  });
});
