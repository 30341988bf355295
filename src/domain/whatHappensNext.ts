// "What happens next": one plain sentence on every case saying what it needs, from whom and by
// when (the seeds ask for exactly this). Dates come from the case's own facts (accept-by and
// contribution due dates) and the organisation's milestones on the deadline calendar.
import { caseDeadline } from './caseDeadline';
import type { CaseState } from './caseState';
import {
  type Calendar,
  DEFAULT_MILESTONES,
  formatDueInstant,
  type MilestoneConfig,
  milestones,
  shippedCalendar,
  workingDayScopeFor,
} from './deadlines';
import type { NameOf } from './describeEvent';
import { dayWords, listWords } from './words';

const TEAM = 'The information rights team';

export type NextOptions = { calendar?: Calendar; milestoneConfig?: MilestoneConfig };

const needs = (people: readonly string[]) => (people.length === 1 ? 'needs' : 'need');

/** The date a named milestone falls on for this case, if it can be worked out. */
function milestoneDate(state: CaseState, key: string, options: NextOptions): string | null {
  const calendar = options.calendar ?? shippedCalendar;
  const deadline = caseDeadline(state, calendar);
  if (!deadline?.ruleKey || deadline.due.length !== 10) return null;
  const scope = workingDayScopeFor(deadline.ruleKey, state.region);
  if (scope === null) return null;
  const allocatedOn = state.allocations.at(-1)?.allocatedAt.slice(0, 10);
  try {
    const found = milestones(
      options.milestoneConfig ?? DEFAULT_MILESTONES,
      { received: state.receivedOn, due: deadline.due, ...(allocatedOn ? { allocatedOn } : {}) },
      calendar,
      scope,
    ).find((m) => m.key === key);
    return found?.status === 'set' ? found.due : null;
  } catch {
    return null;
  }
}

export function whatHappensNext(
  state: CaseState,
  now: string,
  nameOf: NameOf,
  options: NextOptions = {},
): string {
  const deadline = caseDeadline(state, options.calendar ?? shippedCalendar);
  const by = (date: string | null) => (date ? ` by ${dayWords(date, now)}` : '');
  const dueBy = deadline && deadline.due.length === 10 ? deadline.due : null;
  const requester = state.requester.name;
  switch (state.status) {
    case 'logged':
    case 'to_allocate':
      return `${TEAM} needs to allocate this case${by(dueBy ? (milestoneDate(state, 'accept_allocation', options) ?? dueBy) : null)}.`;
    case 'awaiting_clarification':
      return `Waiting for ${requester} to clarify the request. The clock is stopped until they reply.`;
    case 'awaiting_fee':
      return `Waiting for ${requester} to pay the fee. The clock is paused until it is paid.`;
    case 'awaiting_identity':
      return `Waiting for ${requester} to send proof of identity. The clock starts when it arrives.`;
    case 'awaiting_acceptance': {
      const pending = state.allocations.filter((a) => a.status === 'awaiting_acceptance');
      const people = pending.map((a) => nameOf(a.to));
      const acceptBy =
        pending.map((a) => a.acceptBy).find((d) => d !== null) ??
        milestoneDate(state, 'accept_allocation', options);
      const what = pending.length === 1 ? 'the allocation' : 'their allocations';
      return `${listWords(people)} ${needs(people)} to accept ${what}${by(acceptBy)}.`;
    }
    case 'in_progress': {
      if (state.caseType === 'data_breach')
        return `${listWords(owners(state, nameOf))} ${needs(owners(state, nameOf))} to assess the breach${
          deadline ? ` before the ICO deadline: ${formatDueInstant(deadline.due, now)}` : ''
        }.`;
      const people = owners(state, nameOf);
      return `${listWords(people)} ${needs(people)} to draft the response${by(milestoneDate(state, 'draft_due', options) ?? dueBy)}.`;
    }
    case 'contributions_requested': {
      const open = state.contributions.filter((c) => c.submittedAt === null);
      const people = [...new Set(open.map((c) => nameOf(c.to)))];
      const earliest = open.map((c) => c.dueOn).sort()[0] ?? null;
      return `${listWords(people)} ${needs(people)} to send ${people.length === 1 ? 'a contribution' : 'contributions'}${by(earliest)}.`;
    }
    case 'in_review': {
      const reviewer = state.reviews.findLast((r) => r.status === 'requested');
      return `${reviewer ? nameOf(reviewer.by) : 'The reviewer'} needs to review the draft${by(milestoneDate(state, 'hand_back', options) ?? dueBy)}.`;
    }
    case 'in_clearance': {
      const clearer = state.clearances.findLast((c) => c.status === 'requested');
      return `${clearer ? nameOf(clearer.by) : 'Clearance'} needs to clear the response${by(milestoneDate(state, 'clearance_due', options) ?? dueBy)}.`;
    }
    case 'ready_to_send':
      return `${TEAM} needs to send the response${by(dueBy)}.`;
    case 'sent':
      return `${TEAM} needs to close the case.`;
    case 'to_report':
      return `${TEAM} needs to report the breach to the ICO${deadline ? `: ${formatDueInstant(deadline.due, now)}` : ''}.`;
    case 'reported':
      return `${TEAM} needs to close the case once the ICO has what it needs.`;
    case 'closed':
      return 'Nothing: this case is closed.';
    case 'withdrawn':
      return 'Nothing: this case was withdrawn.';
    case 'transferred':
      return `Nothing: this case was transferred to ${state.transfer?.toDepartment ?? 'another department'}.`;
  }
}

/** The people holding the case now (accepted allocations), or the team when nobody does. */
function owners(state: CaseState, nameOf: NameOf): string[] {
  const people = state.allocations.filter((a) => a.status === 'accepted').map((a) => nameOf(a.to));
  return people.length > 0 ? people : [TEAM];
}
