// How long to wait for a requester to clarify before the request may be closed as withdrawn
// (the seeds: unanswered requests stay open for ever). The organisation's setting; the ICO
// accepts closing after about three months, which is about 60 working days.
import { addWorkingDays, type IsoDate, shippedCalendar } from '../../domain/deadlines';

export const CLARIFICATION_WAIT_WORKING_DAYS = 60;

/** The day after which an unanswered clarification may be closed as withdrawn. */
export function withdrawAfter(
  askedOn: string,
  waitWorkingDays: number = CLARIFICATION_WAIT_WORKING_DAYS,
): string {
  return addWorkingDays(askedOn as IsoDate, waitWorkingDays, shippedCalendar, 'england-and-wales');
}
