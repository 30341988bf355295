// The person's own password change on the Account page: the current password, then a new one
// of at least 12 characters typed twice, and whether to sign out their other devices (when
// someone else may know the old password). Needs the server; it checks the current password.
import { type FormEvent, useState } from 'react';
import { ApiError } from '../data';
import { passwordProblem } from '../features/admin/accountForm';
import { Checkbox, ErrorSummary, ProblemBanner, TextField } from '../ui/fields';
import { useChangePassword } from './accountQueries';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'repeatPassword', string>>;

export function ChangePassword() {
  const change = useChangePassword();
  const [isOpen, setIsOpen] = useState(false);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [isSigningOutOthers, setIsSigningOutOthers] = useState(false);
  const [signedOutOthers, setSignedOutOthers] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (currentPassword === '') found.currentPassword = 'Enter your current password';
    const problem = passwordProblem(newPassword, 'a new password');
    if (problem) found.newPassword = problem;
    else if (repeatPassword !== newPassword) found.repeatPassword = 'The two new passwords are not the same';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    change.mutate(
      { currentPassword, newPassword, signOutOtherDevices: isSigningOutOthers },
      {
        onSuccess: () => {
          setSignedOutOthers(isSigningOutOthers);
          setIsSigningOutOthers(false);
          setIsOpen(false);
          setCurrentPassword('');
          setNewPassword('');
          setRepeatPassword('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="password-heading" data-testid="change-password">
      <h2 className="govuk-heading-m" id="password-heading">
        Your password
      </h2>
      {change.isSuccess && !isOpen ? (
        <p className="govuk-body" data-testid="password-changed">
          Your password has been changed. Use the new one next time you sign in.
          {signedOutOthers ? ' Your other devices have been signed out.' : ''}
        </p>
      ) : null}
      {isOpen ? (
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={errors} />
          <ProblemBanner
            message={
              change.isError
                ? change.error instanceof ApiError
                  ? change.error.message
                  : 'Your password could not be changed.'
                : null
            }
          />
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            error={errors.currentPassword}
            onChange={setCurrentPassword}
          />
          <TextField
            label="New password"
            hint="At least 12 characters. A few unrelated words are easy to remember and hard to guess."
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            error={errors.newPassword}
            onChange={setNewPassword}
          />
          <TextField
            label="New password again"
            name="repeatPassword"
            type="password"
            autoComplete="new-password"
            value={repeatPassword}
            error={errors.repeatPassword}
            onChange={setRepeatPassword}
          />
          <Checkbox
            label="Sign out my other devices"
            hint="Do this if someone else may know your old password. Changes not yet sent from those devices will be lost."
            name="signOutOtherDevices"
            isChecked={isSigningOutOthers}
            onChange={setIsSigningOutOthers}
          />
          <div className="govuk-button-group">
            <button
              type="submit"
              className="govuk-button"
              data-module="govuk-button"
              disabled={change.isPending}
            >
              Change password
            </button>
            <button type="button" className="govuk-link app-link-button" onClick={() => setIsOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => setIsOpen(true)}
        >
          Change your password
        </button>
      )}
    </section>
  );
}
