// Which workflow statuses end a case's clock and which end it altogether: lists and My work
// read them, and the summaries (./caseSummaries.ts) are derived with them.

/** Workflow statuses after which no deadline is running; such a case is never overdue. */
export const FINISHED_STATUSES: readonly string[] = [
  'sent',
  'reported',
  'closed',
  'withdrawn',
  'transferred',
];
/** Workflow statuses after which a case waits for nobody (My work leaves them out). */
export const ENDED_STATUSES: readonly string[] = ['closed', 'withdrawn', 'transferred'];
