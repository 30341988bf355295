// "What happens next": one plain sentence on every case saying what it needs, from whom and by
// when (the Tower Hamlets lessons put exactly this on every open case). Pure: the caller passes
// the names of people, the milestones and today's date.
import type { Allocation, CaseState } from '../../domain/caseState';
import type { Milestone } from '../../domain/deadlines';
import { dayText } from './whenText';

export type NextStep = {
  sentence: string;
  /** The people the step waits on (to show it in their My work). */
  waitingOn: string[];
  /** Set when the step is late: the case should be treated as urgent. */
  isLate: boolean;
};

export type NextStepContext = {
  nameOf: (userId: string) => string;
  milestones: readonly Milestone[];
  due: string | null;
  today: string;
  /** Working days a requester has to clarify before the case may be closed as withdrawn. */
  clarificationWithdrawBy?: string | null;
};

const CASE_OFFICE = 'The information rights team';

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function milestoneDate(context: NextStepContext, key: string): string | null {
  const found = context.milestones.find((m) => m.key === key);
  return found?.status === 'set' ? found.due : context.due;
}

function by(date: string | null): string {
  return date ? ` by ${dayText(date)}` : '';
}

function holders(
  allocations: readonly Allocation[],
  nameOf: (id: string) => string,
  status: Allocation['status'],
) {
  const held = allocations.filter((a) => a.status === status);
  return { ids: held.map((a) => a.to), names: held.map((a) => `${nameOf(a.to)} (${a.service})`) };
}

export function nextStep(state: CaseState, context: NextStepContext): NextStep {
  const { nameOf, today } = context;
  const step = (sentence: string, waitingOn: string[] = [], date: string | null = null): NextStep => ({
    sentence,
    waitingOn,
    isLate: date !== null && date < today,
  });
  const requester = state.requester.name;
  switch (state.status) {
    case 'logged':
    case 'to_allocate':
      return step(
        `${CASE_OFFICE} needs to allocate this request to the service that holds the information${by(context.due)}; the time to answer is already running.`,
      );
    case 'awaiting_clarification': {
      const asked = state.clockStops.find((s) => s.kind === 'clarification' && s.to === null);
      const withdraw = context.clarificationWithdrawBy
        ? `, or withdraw the case if no answer comes by ${dayText(context.clarificationWithdrawBy)}`
        : '';
      return step(
        `${requester} needs to clarify the request${asked ? ` (asked ${dayText(asked.from)})` : ''}. The clock is stopped; record the answer when it comes${withdraw}.`,
        [],
        context.clarificationWithdrawBy ?? null,
      );
    }
    case 'awaiting_fee':
      return step(
        `${requester} needs to pay the fee before work continues. The clock is stopped until it is paid.`,
      );
    case 'awaiting_identity':
      return step(`${requester} needs to send proof of identity. The clock is stopped until it arrives.`);
    case 'awaiting_acceptance': {
      const waiting = state.allocations.filter((a) => a.status === 'awaiting_acceptance');
      const acceptBy =
        waiting
          .map((a) => a.acceptBy)
          .filter((d): d is NonNullable<typeof d> => d !== null)
          .sort()[0] ?? null;
      const names = waiting.map((a) => `${nameOf(a.to)} (${a.service})`);
      const verb =
        waiting.length > 1
          ? 'need to accept or reject their allocations'
          : 'needs to accept or reject the allocation';
      const late = acceptBy !== null && acceptBy < today ? ' This is overdue: treat the case as urgent.' : '';
      return step(
        `${listOf(names)} ${verb}${by(acceptBy)}.${late}`,
        waiting.map((a) => a.to),
        acceptBy,
      );
    }
    case 'in_progress': {
      const owners = holders(state.allocations, nameOf, 'accepted');
      const who = owners.names.length > 0 ? listOf(owners.names) : CASE_OFFICE;
      const verb = owners.names.length > 1 ? 'need' : 'needs';
      if (state.drafts.length === 0) {
        const date = milestoneDate(context, 'draft_due');
        return step(`${who} ${verb} to draft the response${by(date)}.`, owners.ids, date);
      }
      const date = milestoneDate(context, 'clearance_due');
      return step(`${who} ${verb} to send the draft for review or clearance${by(date)}.`, owners.ids, date);
    }
    case 'contributions_requested': {
      const open = state.contributions.filter((c) => c.submittedAt === null);
      const date = open.map((c) => c.dueOn).sort()[0] ?? null;
      const verb = open.length > 1 ? 'need' : 'needs';
      return step(
        `${listOf(open.map((c) => nameOf(c.to)))} ${verb} to send their contribution${by(date)}.`,
        open.map((c) => c.to),
        date,
      );
    }
    case 'in_review': {
      const review = state.reviews.findLast((r) => r.status === 'requested');
      const date = milestoneDate(context, 'clearance_due');
      const who = review ? nameOf(review.by) : 'The reviewer';
      return step(
        `${who} needs to approve the draft or return it with comments${by(date)}.`,
        review ? [review.by] : [],
        date,
      );
    }
    case 'in_clearance': {
      const clearance = state.clearances.findLast((c) => c.status === 'requested');
      const date = milestoneDate(context, 'clearance_due');
      const who = clearance ? nameOf(clearance.by) : 'The clearance officer';
      return step(
        `${who} needs to clear the response or return it with comments${by(date)}.`,
        clearance ? [clearance.by] : [],
        date,
      );
    }
    case 'ready_to_send':
      return step(
        `${CASE_OFFICE} needs to send the response to ${requester}${by(context.due)}.`,
        [],
        context.due,
      );
    case 'sent':
      return step(
        `${CASE_OFFICE} needs to close the case, recording the outcome and whether it goes in the disclosure log.`,
      );
    case 'to_report':
      return step(
        `${CASE_OFFICE} needs to report the breach to the Information Commissioner${by(context.due)}.`,
        [],
        context.due,
      );
    case 'reported':
      return step(
        `${CASE_OFFICE} needs to close the case once the Information Commissioner's questions are answered.`,
      );
    case 'closed':
      return step('Nothing: this case is closed. Reopen it if the requester comes back or more is needed.');
    case 'withdrawn':
      return step('Nothing: this request was withdrawn. Reopen it if the requester comes back.');
    case 'transferred':
      return step(
        `Nothing here: this request was transferred${state.transfer ? ` to ${state.transfer.toDepartment}` : ''}.`,
      );
  }
}
