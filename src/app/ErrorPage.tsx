// Shown when a screen fails: plain words, and the reassurance that nothing saved is lost.
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

export function ErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="govuk-width-container">
      <main className="govuk-main-wrapper" id="main-content">
        <h1 className="govuk-heading-l">Sorry, there is a problem with this page</h1>
        <p className="govuk-body">Your saved work is safe on this device. Reload the page to try again.</p>
        <p className="govuk-body">
          <Link to="/">Go to your work</Link>
        </p>
      </main>
    </div>
  );
}
