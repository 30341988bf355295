// Weekly chase digests: for each person, the open cases waiting on them (or their team) that
// they may see, soonest due first, in plain words. Tower Hamlets' lessons: a weekly list to every
// officer with the reference, request, service and due date fixes "insufficient chasing in the
// middle stage". Pure: the caller passes the cases, the people, today's date and the calendar.

import { caseDeadline } from '../../src/domain/caseDeadline';
import type { CaseState } from '../../src/domain/caseState';
import { type Calendar, formatDueDate, type IsoDate, workingDayScopeFor } from '../../src/domain/deadlines';
import type { Principal } from '../../src/domain/principal';
import { isWaitingOn } from '../../src/domain/waitingOn';
import { whatHappensNext } from '../../src/domain/whatHappensNext';
import { canSee } from '../replication/judge';

/** Whom a digest goes to: their roles and teams decide what it may name, as the pull's do. */
export type DigestPerson = Principal & { email: string };

export type DigestLine = {
  reference: string;
  subject: string;
  service: string;
  /** `YYYY-MM-DD`, or '' when no statutory date applies. */
  due: string;
  dueWords: string;
  next: string;
};

export type Digest = { to: DigestPerson; subject: string; lines: DigestLine[]; text: string; html: string };

function serviceOf(state: CaseState): string {
  const allocation = state.allocations
    .filter((a) => a.status === 'accepted' || a.status === 'awaiting_acceptance')
    .at(-1);
  return allocation?.service ?? 'Information rights';
}

function dueWordsOf(state: CaseState, today: IsoDate, calendar: Calendar): { due: string; words: string } {
  const deadline = caseDeadline(state, calendar);
  if (!deadline) return { due: '', words: 'No statutory due date' };
  const scope = deadline.ruleKey ? workingDayScopeFor(deadline.ruleKey, state.region) : null;
  const day = deadline.due.slice(0, 10) as IsoDate;
  return { due: day, words: scope ? formatDueDate(day, today, calendar, scope) : `Due ${day}` };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function bodies(person: DigestPerson, lines: DigestLine[]): { text: string; html: string } {
  const intro = `${person.displayName}, these cases are waiting for you in Clearway, soonest due first.`;
  const text = [
    intro,
    '',
    ...lines.map((l) =>
      [
        `${l.reference}: ${l.subject}`,
        `  Service: ${l.service}`,
        `  ${l.dueWords}`,
        `  Next: ${l.next}`,
      ].join('\n'),
    ),
    '',
  ].join('\n');
  const items = lines
    .map(
      (l) =>
        `<li><strong>${escapeHtml(l.reference)}</strong>: ${escapeHtml(l.subject)}<br>` +
        `Service: ${escapeHtml(l.service)}<br>${escapeHtml(l.dueWords)}<br>Next: ${escapeHtml(l.next)}</li>`,
    )
    .join('\n');
  const html = `<p>${escapeHtml(intro)}</p>\n<ul>\n${items}\n</ul>\n`;
  return { text, html };
}

/**
 * Whether a case belongs in this person's digest. A case can wait on someone who may not open it
 * (a SAR's clearer outside information rights who is not allocated it): a mail naming it would
 * hand them what the server refuses to send them, so it is left out and the case is chased by
 * those who can see it.
 */
const isInDigestOf = (person: DigestPerson, state: CaseState) =>
  isWaitingOn(state, person) && canSee(person, state);

/** One digest per person with open cases waiting on them that they may see; others get nothing. */
export function buildDigests(
  cases: readonly CaseState[],
  people: readonly DigestPerson[],
  today: IsoDate,
  calendar: Calendar,
): Digest[] {
  const nameOf = (userId: string) => people.find((p) => p.userId === userId)?.displayName ?? userId;
  return people.flatMap((person) => {
    const lines = cases
      .filter((state) => isInDigestOf(person, state))
      .map((state): DigestLine => {
        const { due, words } = dueWordsOf(state, today, calendar);
        return {
          reference: state.reference,
          subject: state.subject,
          service: serviceOf(state),
          due,
          dueWords: words,
          next: whatHappensNext(state, `${today}T08:00:00.000Z`, nameOf, { calendar }),
        };
      })
      // Cases with no date go last; then by reference so the order is stable.
      .sort(
        (a, b) => (a.due || '9999').localeCompare(b.due || '9999') || a.reference.localeCompare(b.reference),
      );
    if (lines.length === 0) return [];
    const subject = `Clearway: ${lines.length} ${lines.length === 1 ? 'case' : 'cases'} waiting for you`;
    return [{ to: person, subject, lines, ...bodies(person, lines) }];
  });
}
