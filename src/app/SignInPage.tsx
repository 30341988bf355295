// Sign in: the GOV.UK form pattern, with an error summary that takes focus when sign-in fails,
// and, when the server has it set up, sign-in with the organisation's account (OpenID Connect),
// which comes back to `/#signed-in` with a session cookie the device swaps for its token.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSession, useSignInOptions } from '../data';
import { NotificationBanner } from '../ui/NotificationBanner';

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Sign-in did not work. Try again.';
}

export function SignInPage() {
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const signInOptions = useSignInOptions();
  const { signInWithCookie } = session;

  useEffect(() => {
    if (window.location.hash !== '#signed-in') return;
    // Once only (StrictMode runs effects twice), and a reload must not try again.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setIsSending(true);
    signInWithCookie()
      .then(() => setProblem(null))
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setIsSending(false));
  }, [signInWithCookie]);

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);

  useEffect(() => {
    document.title = problem ? 'Error: Sign in – Clearway' : 'Sign in – Clearway';
  }, [problem]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem('Enter your username and password');
      return;
    }
    setIsSending(true);
    try {
      await session.signIn(username.trim(), password);
      setProblem(null);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {problem ? (
          <div
            className="govuk-error-summary"
            data-module="govuk-error-summary"
            ref={summaryRef}
            tabIndex={-1}
          >
            <div role="alert">
              <h2 className="govuk-error-summary__title">There is a problem</h2>
              <div className="govuk-error-summary__body">
                <ul className="govuk-list govuk-error-summary__list">
                  <li>
                    <a href="#username">{problem}</a>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        ) : null}
        {session.status === 'signed-out' && session.notice ? (
          <NotificationBanner title="Signed out">
            <p className="govuk-body" data-testid="signed-out-notice">
              {session.notice}
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="username">
              Username
            </label>
            <input
              className="govuk-input govuk-!-width-one-half"
              id="username"
              name="username"
              autoComplete="username"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="password">
              Password
            </label>
            <input
              className="govuk-input govuk-!-width-one-half"
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="govuk-button" disabled={isSending}>
            Sign in
          </button>
        </form>
        {signInOptions?.oidc ? (
          <>
            <p className="govuk-body">Or use the account you sign in to your organisation with.</p>
            {/* A link (it goes somewhere): to the organisation's sign-in page, which sends the browser back. */}
            <a
              href="/api/auth/oidc/start"
              draggable="false"
              className="govuk-button govuk-button--secondary"
              data-module="govuk-button"
              data-testid="organisation-sign-in"
            >
              {signInOptions.oidc.label}
            </a>
          </>
        ) : null}
      </div>
    </div>
  );
}
