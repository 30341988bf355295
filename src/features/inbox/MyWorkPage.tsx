// My work (the home page): the cases waiting for the signed-in person, soonest due first, each
// with its deadline in words and a red/amber/green tag, so nothing sits untouched for 20 days.
import '../journey.css';
import { Link } from 'react-router';
import { useMyWork, useSession } from '../../data';
import { ukDay } from '../case/whenText';
import { CaseTable } from './CaseTable';
import { dueSummary } from './dueSummary';

export function MyWorkPage() {
  const session = useSession();
  const { cases, isLoading } = useMyWork();
  const now = new Date().toISOString();
  const today = ukDay(new Date(now));
  const colours = cases.map((item) => dueSummary(item, today, now).rag);
  const urgent = colours.filter((c) => c === 'red').length;
  const soon = colours.filter((c) => c === 'amber').length;
  const canLog =
    session.status === 'signed-in' && session.user.roles.some((r) => r === 'case_worker' || r === 'manager');
  return (
    <>
      <h1 className="govuk-heading-l">My work</h1>
      {canLog ? (
        <Link
          to="/cases/new"
          role="button"
          draggable="false"
          className="govuk-button"
          data-module="govuk-button"
        >
          Log a request
        </Link>
      ) : null}
      {isLoading ? (
        <p className="govuk-body">Loading your cases…</p>
      ) : cases.length === 0 ? (
        <p className="govuk-body" data-testid="my-work-empty">
          Nothing is waiting for you.
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="my-work-summary">
            {cases.length} {cases.length === 1 ? 'case is' : 'cases are'} waiting for you
            {urgent > 0 ? `: ${urgent} urgent` : ''}
            {soon > 0 ? `${urgent > 0 ? ',' : ':'} ${soon} due soon` : ''}. Soonest due first.
          </p>
          <CaseTable
            cases={cases}
            today={today}
            now={now}
            caption="Cases waiting for you, soonest due first"
          />
        </>
      )}
    </>
  );
}
