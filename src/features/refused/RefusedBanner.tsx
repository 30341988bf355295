// The banner on every page while the server has refused changes the person has not read yet:
// a refusal of work done offline (a case logged, then the person's role removed) may belong to
// no case they can open, so it must be findable from anywhere, not only from a case page.
import { Link, useLocation } from 'react-router';
import { useRejected } from '../../data';
import { NotificationBanner } from '../../ui/NotificationBanner';

export const NOT_ACCEPTED_PATH = '/not-accepted';

export function refusedCountText(count: number): string {
  return count === 1
    ? 'The server did not accept one of your changes'
    : `The server did not accept ${count} of your changes`;
}

export function RefusedBanner() {
  const { rejected } = useRejected();
  const location = useLocation();
  // On the list itself the banner would only point to the page the person is reading.
  if (rejected.length === 0 || location.pathname === NOT_ACCEPTED_PATH) return null;
  return (
    <div data-testid="refused-banner">
      <NotificationBanner title="Not accepted">
        <p className="govuk-notification-banner__heading">
          {refusedCountText(rejected.length)}.{' '}
          <Link className="govuk-notification-banner__link" to={NOT_ACCEPTED_PATH}>
            See what and why
          </Link>
        </p>
      </NotificationBanner>
    </div>
  );
}
