// Personal data breach reports: assess whether the breach must be reported to the ICO
// (72 hours from awareness), report it, then close. Not-reportable breaches close after assessment.
import { accepting, afterwards, allocating, alongside, CASE_OFFICE, go } from './casework';
import type { WorkflowTable } from './table';

const assess = go(CASE_OFFICE, { using: 'afterAssessment' });

export const dataBreachWorkflow: WorkflowTable = {
  name: 'data_breach',
  start: { roles: CASE_OFFICE, to: 'logged' },
  states: {
    logged: {
      label: 'Logged',
      is: 'newly logged',
      hint: 'Assess the breach first.',
      isOpen: true,
      events: {
        'case.allocated': go(CASE_OFFICE, 'awaiting_acceptance'),
        'breach.assessed': assess,
        'case.withdrawn': go(CASE_OFFICE, 'withdrawn'),
        ...alongside,
      },
    },
    to_allocate: {
      label: 'To allocate',
      is: 'waiting to be allocated',
      hint: 'Allocate or assess it first.',
      isOpen: true,
      events: {
        'case.allocated': go(CASE_OFFICE, 'awaiting_acceptance'),
        'breach.assessed': assess,
        ...alongside,
      },
    },
    awaiting_acceptance: {
      label: 'Awaiting acceptance',
      is: 'waiting for its allocation to be accepted',
      hint: 'The allocation must be accepted first.',
      isOpen: true,
      events: {
        ...accepting,
        'breach.assessed': assess,
        ...alongside,
      },
    },
    in_progress: {
      label: 'Being assessed',
      is: 'being assessed',
      hint: 'Record the assessment first.',
      isOpen: true,
      events: {
        ...allocating,
        'breach.assessed': assess,
        'case.closed': go(CASE_OFFICE, 'closed', ['assessedNotReportable']),
        ...alongside,
      },
    },
    to_report: {
      label: 'To report to the ICO',
      is: 'waiting to be reported to the ICO',
      hint: 'Report it to the ICO first.',
      isOpen: true,
      events: { 'breach.reported': go(CASE_OFFICE, 'reported'), 'breach.assessed': assess, ...alongside },
    },
    reported: {
      label: 'Reported to the ICO',
      is: 'reported to the ICO',
      hint: 'Close it, or reopen it later if more is needed.',
      isOpen: true,
      events: { 'case.closed': go(CASE_OFFICE, 'closed'), ...alongside },
    },
    closed: { label: 'Closed', is: 'closed', hint: 'Reopen it first.', isOpen: false, events: afterwards },
    withdrawn: {
      label: 'Withdrawn',
      is: 'withdrawn',
      hint: 'Reopen it first.',
      isOpen: false,
      events: afterwards,
    },
  },
};
