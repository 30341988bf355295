// Ministerial and treat-official correspondence, parliamentary questions, complaints,
// campaigns and transfers: no statutory clock stops; the reply goes out after clearance.
// Complaint stages 2 and 3 open as new cases linked to the stage before.
import { CASE_OFFICE, caseworkStates } from './casework';
import type { WorkflowTable } from './table';

export const correspondenceWorkflow: WorkflowTable = {
  name: 'correspondence',
  start: { roles: CASE_OFFICE, to: 'logged' },
  states: caseworkStates([], 'Reply sent'),
};

/** A request that may belong to another department: confirm ownership, or pass it on. */
export const transferWorkflow: WorkflowTable = { ...correspondenceWorkflow, name: 'transfer' };
