// The page frame on every screen: skip link, GOV.UK service navigation with the service name,
// the person and the sync indicator, the update prompt and install hint, the banner pointing to
// changes the server did not accept (while there are any), footer. Clearway is
// not on a gov.uk domain, so it carries no GOV.UK crest or logo.
// Signed-out people see the sign-in page inside the same frame.
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession, useSyncStatus } from '../data';
import { RefusedBanner } from '../features/refused';
import { SyncIndicator } from '../ui/SyncIndicator';
import { InstallHint } from './InstallHint';
import { SignInPage } from './SignInPage';
import { UpdatePrompt } from './UpdatePrompt';

const NAVIGATION = [
  { to: '/', label: 'My work', end: true },
  { to: '/cases', label: 'All cases', end: true },
  { to: '/cases/new', label: 'Log a request', end: true },
  { to: '/admin/directory', label: 'Directory', end: false },
  { to: '/admin/templates', label: 'Templates', end: false },
  { to: '/admin/people', label: 'People', end: false, isForAdministrators: true },
  { to: '/account', label: 'Account', end: true },
] as const;

function SignedInBar() {
  const session = useSession();
  const sync = useSyncStatus();
  if (session.status !== 'signed-in') return null;
  return (
    <div className="govuk-width-container">
      <div className="app-header-bar">
        <p className="govuk-body-s govuk-!-margin-0">
          Signed in as <strong>{session.user.displayName}</strong>
        </p>
        <SyncIndicator status={sync} />
      </div>
    </div>
  );
}

function ServiceNavigation(props: { isSignedIn: boolean }) {
  const location = useLocation();
  const session = useSession();
  const isAdministrator = session.status === 'signed-in' && session.user.roles.includes('administrator');
  const items = NAVIGATION.filter((item) => !('isForAdministrators' in item) || isAdministrator);
  const isCurrent = (item: (typeof NAVIGATION)[number]) =>
    item.end ? location.pathname === item.to : location.pathname.startsWith(item.to);
  return (
    <section aria-label="Service information" className="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <NavLink to="/" className="govuk-service-navigation__link">
              Clearway
            </NavLink>
          </span>
          {props.isSignedIn ? (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list">
                {items.map((item) => (
                  <li
                    className={`govuk-service-navigation__item${isCurrent(item) ? ' govuk-service-navigation__item--active' : ''}`}
                    key={item.to}
                  >
                    <NavLink
                      className="govuk-service-navigation__link"
                      to={item.to}
                      end={item.end}
                      aria-current={isCurrent(item) ? 'page' : undefined}
                    >
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
    </section>
  );
}

export function Layout() {
  const session = useSession();
  const isSignedIn = session.status === 'signed-in';
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="app-header">
        <ServiceNavigation isSignedIn={isSignedIn} />
        <SignedInBar />
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          <UpdatePrompt />
          <InstallHint />
          {isSignedIn ? <RefusedBanner /> : null}
          {isSignedIn ? (
            <Outlet />
          ) : session.isRestoring ? (
            <p className="govuk-body" role="status">
              Opening Clearway…
            </p>
          ) : (
            <SignInPage />
          )}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <p className="govuk-body-s govuk-!-margin-0">
            Clearway keeps your work on this device and sends it when you are online. Bank holiday data: Open
            Government Licence v3.0.
          </p>
        </div>
      </footer>
    </>
  );
}
