// GOV.UK "Page not found", for addresses the app does not know.
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        Go to <Link to="/">your work</Link> or <Link to="/cases">all cases</Link>.
      </p>
    </>
  );
}
