// FOI, EIR, FOISA and internal reviews share one table: the clock stops for clarification
// and (FOI and FOISA only: the `feesApply` guard) for a fee notice.
import { CASE_OFFICE, caseworkStates } from './casework';
import type { WorkflowTable } from './table';

export const informationRequestWorkflow: WorkflowTable = {
  name: 'information_request',
  start: { roles: CASE_OFFICE, to: 'logged' },
  states: caseworkStates(['clarification', 'fee'], 'Sent'),
};
