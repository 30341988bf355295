import { describe, expect, it } from 'vitest';
import { checkRequestForm, loggedPayload, type RequestForm } from './requestForm';

const FORM: RequestForm = {
  caseType: 'foi',
  requesterName: 'Amira Khan',
  contact: 'amira.khan@example.org',
  receivedOn: '2026-03-04',
  channel: 'email',
  requestText: 'Missed bin collections in 2025, by ward.',
  subject: 'Waste and recycling',
  policyAreaId: 'environment',
};
const CASE_ID = '0192f1c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6';

describe('logging a request', () => {
  it('names each missing field in plain words', () => {
    const result = checkRequestForm(
      { ...FORM, requesterName: ' ', requestText: '', receivedOn: '' },
      '2026-03-05',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        requesterName: 'Enter the name of the person or organisation asking',
        requestText: 'Enter what the person asked for',
        receivedOn: 'Enter the date the request was received',
      },
    });
  });

  it('refuses a received date in the future, which would give a wrong due date', () => {
    const result = checkRequestForm({ ...FORM, receivedOn: '2026-03-06' }, '2026-03-05');
    expect(!result.ok && result.errors.receivedOn).toBe('The date received must be today or in the past');
  });

  it('gives the case a provisional reference from its id until the server numbers it', () => {
    const payload = loggedPayload(FORM, CASE_ID);
    expect(payload.reference).toBe('FOI-2026-P-d4e5f6');
    expect(payload.requester).toEqual({
      name: 'Amira Khan',
      email: 'amira.khan@example.org',
      type: 'member_of_the_public',
    });
    expect(payload.policyAreaId).toBe('environment');
  });

  it('keeps a postal contact as an address', () => {
    const payload = loggedPayload(
      { ...FORM, contact: '1 High Street, Arnold NG5 6LU', caseType: 'eir' },
      CASE_ID,
    );
    expect(payload.requester.address).toBe('1 High Street, Arnold NG5 6LU');
    expect(payload.requester.email).toBeUndefined();
    expect(payload.reference).toMatch(/^EIR-2026-P-/);
  });

  it('names the third parties the request mentions, and none when it mentions nobody', () => {
    const payload = loggedPayload({ ...FORM, thirdParties: ['Daniel Okoro', 'Priya Nair'] }, CASE_ID);
    expect(payload.thirdParties).toEqual(['Daniel Okoro', 'Priya Nair']);
    expect(loggedPayload(FORM, CASE_ID).thirdParties).toBeUndefined();
    const twice = checkRequestForm({ ...FORM, thirdParties: ['Ann Lee', 'ann lee'] }, '2026-03-05');
    expect(!twice.ok && twice.errors.thirdParties).toBe('must not name the same person twice');
  });
});
