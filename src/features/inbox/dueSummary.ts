// A case's deadline in a list row: "Due 4 March (3 working days left)" with a red, amber or
// green tag. Counted on the calendar the case's kind uses (FOI: bank holidays anywhere in the UK).
import {
  type Calendar,
  formatDueDate,
  formatDueInstant,
  type IsoDate,
  type Rag,
  rag,
  shippedCalendar,
  type WorkingDayScope,
  workingDaysLeft,
} from '../../domain/deadlines';
import { statusKeyOf } from '../case/caseWords';

export type DueSummary = { text: string; rag: Rag | null };

const ANY_PART_OF_THE_UK = new Set(['foi', 'eir', 'internal_review', 'campaign']);
const FINISHED = new Set(['sent', 'reported', 'closed', 'withdrawn', 'transferred']);

function scopeFor(caseType: string): WorkingDayScope {
  if (ANY_PART_OF_THE_UK.has(caseType)) return 'any-part-of-the-uk';
  return caseType === 'foisa' ? 'scotland' : 'england-and-wales';
}

export function dueSummary(
  item: { dueDate: string; status: string; caseType: string },
  today: string,
  now: string,
  calendar: Calendar = shippedCalendar,
): DueSummary {
  if (FINISHED.has(statusKeyOf(item.caseType, item.status))) return { text: 'Finished', rag: null };
  if (item.dueDate === '') return { text: 'No deadline (clock stopped or not set)', rag: null };
  if (item.dueDate.length > 10) {
    return { text: formatDueInstant(item.dueDate, now), rag: item.dueDate < now ? 'red' : 'amber' };
  }
  const scope = scopeFor(item.caseType);
  const due = item.dueDate as IsoDate;
  const day = today as IsoDate;
  return {
    text: formatDueDate(due, day, calendar, scope),
    rag: rag(workingDaysLeft(due, day, calendar, scope)),
  };
}

export const RAG_TAG_CLASS = {
  red: 'govuk-tag govuk-tag--red',
  amber: 'govuk-tag govuk-tag--orange',
  green: 'govuk-tag govuk-tag--green',
} as const satisfies Record<Rag, string>;

export const RAG_WORDS = { red: 'Urgent', amber: 'Soon', green: 'On track' } as const satisfies Record<
  Rag,
  string
>;
