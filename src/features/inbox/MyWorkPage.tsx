// My work (the home page): the cases waiting for the signed-in person, soonest due first, each
// with its deadline in words and a red/amber/green tag, so nothing sits untouched for 20 days.
// The first page comes first (an index read that stops after 50 rows); the tally of urgent
// and due-soon cases follows from the whole list.
import '../journey.css';
import { Link, useSearchParams } from 'react-router';
import { useMyWork, useMyWorkAll, useSession, useSyncStatus } from '../../data';
import { Pagination } from '../../ui/Pagination';
import { ukDay } from '../case/whenText';
import { CaseTable } from './CaseTable';
import { pageSpan } from './caseFilterParams';
import { dueSummary } from './dueSummary';

function Tally({ today, now }: { today: string; now: string }) {
  const all = useMyWorkAll();
  if (all.isLoading) return null;
  const colours = all.cases.map((item) => dueSummary(item, today, now).rag);
  const urgent = colours.filter((c) => c === 'red').length;
  const soon = colours.filter((c) => c === 'amber').length;
  if (urgent === 0 && soon === 0) return <>, none of them urgent</>;
  return (
    <span data-testid="my-work-tally">
      {urgent > 0 ? `: ${urgent.toLocaleString('en-GB')} urgent` : ''}
      {soon > 0 ? `${urgent > 0 ? ',' : ':'} ${soon.toLocaleString('en-GB')} due soon` : ''}
    </span>
  );
}

export function MyWorkPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const requested = Number.parseInt(params.get('page') ?? '1', 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const work = useMyWork(page);
  const sync = useSyncStatus();
  const now = new Date().toISOString();
  const today = ukDay(new Date(now));
  const span = pageSpan(work.total, page, work.items.length);
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
      {work.isLoading ? (
        <p className="govuk-body">Loading your cases…</p>
      ) : work.total === 0 && sync.isFetchingMyWork ? (
        <p className="govuk-body" data-testid="my-work-arriving">
          Getting the cases waiting for you from the server…
        </p>
      ) : work.total === 0 ? (
        <p className="govuk-body" data-testid="my-work-empty">
          Nothing is waiting for you.
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="my-work-summary">
            {work.total.toLocaleString('en-GB')} {work.total === 1 ? 'case is' : 'cases are'} waiting for you
            <Tally today={today} now={now} />. Soonest due first.
            {span.pages > 1 ? ` Showing ${span.from} to ${span.to}.` : ''}
          </p>
          <CaseTable
            cases={work.items}
            today={today}
            now={now}
            caption="Cases waiting for you, soonest due first"
          />
          <Pagination
            page={page}
            pages={span.pages}
            label="Pages of your cases"
            hrefFor={(n) => (n === 1 ? '/' : `/?page=${n}`)}
          />
        </>
      )}
    </>
  );
}
