// Which table runs which kind of case.
import { type CaseType, caseTypes, type WorkflowName } from '../caseTypes';
import { correspondenceWorkflow, transferWorkflow } from './correspondence';
import { dataBreachWorkflow } from './dataBreach';
import { informationRequestWorkflow } from './informationRequest';
import { sarWorkflow } from './sar';
import type { WorkflowTable } from './table';

export const workflows = {
  information_request: informationRequestWorkflow,
  sar: sarWorkflow,
  correspondence: correspondenceWorkflow,
  data_breach: dataBreachWorkflow,
  transfer: transferWorkflow,
} as const satisfies Record<WorkflowName, WorkflowTable>;

export function workflowFor(caseType: CaseType): WorkflowTable {
  return workflows[caseTypes[caseType].workflow];
}

export type { GuardName, StateRow, Target, Transition, WorkflowTable } from './table';
