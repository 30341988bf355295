// Subject access requests: as the FOI family, but the clock also waits for proof of identity,
// and a fee (for manifestly unfounded or excessive requests) restarts it rather than pausing it.
import { CASE_OFFICE, caseworkStates } from './casework';
import type { WorkflowTable } from './table';

export const sarWorkflow: WorkflowTable = {
  name: 'sar',
  start: { roles: CASE_OFFICE, to: 'logged' },
  states: caseworkStates(['identity', 'clarification', 'fee'], 'Sent'),
};
