// A freshly logged FOI case for tests of the case page's pure parts, made the real way: a
// `case.logged` event folded by the domain reducer. Tests change what they need on top.
import type { CaseState } from '../../domain/caseState';
import type { ClearwayEvent } from '../../domain/events/catalogue';
import { parseEvent } from '../../domain/events/parseEvent';
import { reduce } from '../../domain/reducer';

const CASE_ID = '0192f1c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6';

function logged(): CaseState {
  const parsed = parseEvent({
    id: '0192f1c2-7a1b-7c3d-8e4f-000000000001',
    stream: `case:${CASE_ID}`,
    type: 'case.logged',
    actor: 'caseworker',
    deviceId: 'device-1',
    madeAt: '2026-03-04T09:00:00Z',
    payload: {
      caseType: 'foi',
      reference: 'FOI-2026-P-d4e5f6',
      receivedOn: '2026-03-04',
      channel: 'email',
      requester: { name: 'Amira Khan', email: 'amira.khan@example.org' },
      subject: 'Environment',
      requestText: 'Missed bin collections in 2025, by ward.',
      policyAreaId: 'environment',
    },
  });
  if (!parsed.ok) throw new Error(`fixture event refused: ${parsed.reason}`);
  const result = reduce(null, parsed.event as ClearwayEvent, { now: '2026-03-04T09:00:00Z' });
  if (!result.ok || result.state.kind !== 'case') throw new Error('fixture case did not fold');
  return result.state;
}

export function loggedFoiCase(overrides: Partial<CaseState> = {}): CaseState {
  return { ...logged(), ...overrides };
}
