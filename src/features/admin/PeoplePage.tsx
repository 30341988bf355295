// People and access (administrators): everyone who may sign in, with their roles, teams and
// devices; add a person with a first password; change what someone does; reset a forgotten
// password; remove a wrong organisation sign-in link; sign out a lost device (it wipes what it
// holds at its next contact). It all needs
// the server, so offline the page says so instead of showing stale access.
import { type FormEvent, useState } from 'react';
import { type AccountSummary, ApiError, useSession, useSignInOptions } from '../../data';
import { INFORMATION_RIGHTS_TEAM, type Role, roleNames, roleSchema } from '../../domain';
import { DevicesTable } from '../../ui/DevicesTable';
import { Checkbox, Checkboxes, ErrorSummary, ProblemBanner, TextField } from '../../ui/fields';
import { useDirectoryState } from '../allocation/directoryData';
import {
  useAccounts,
  useAddAccount,
  useChangeAccess,
  usePersonDevices,
  useRemoveSignInLink,
  useResetPassword,
  useSignOutDevice,
} from './accountAdminQueries';
import { type AccountErrors, accountErrors, passwordProblem, suggestUsername } from './accountForm';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ROLE_OPTIONS = roleSchema.options.map((role) => ({
  value: role,
  label: capitalised(roleNames[role].replace(/^an? /, '')),
}));
const roleWords = (roles: readonly Role[]) =>
  roles.map((r) => ROLE_OPTIONS.find((o) => o.value === r)?.label ?? r);

const problemOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'That did not work. Try again.';

/** The teams a person can be put in: the directory's, and the information-rights team. */
function useTeamOptions(): { value: string; label: string }[] {
  const directory = useDirectoryState();
  const teams = directory.teams.map((t) => ({ value: t.teamId, label: t.name }));
  if (!teams.some((t) => t.value === INFORMATION_RIGHTS_TEAM))
    teams.unshift({ value: INFORMATION_RIGHTS_TEAM, label: 'Information rights team' });
  return teams;
}

function AddPerson() {
  const add = useAddAccount();
  const teamOptions = useTeamOptions();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [isUsernameTyped, setIsUsernameTyped] = useState(false);
  const [roles, setRoles] = useState<Role[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<AccountErrors>({});
  const [added, setAdded] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = accountErrors({ displayName, username, roles, password });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { displayName: displayName.trim(), username: username.trim(), roles, teamIds, password },
      {
        onSuccess: () => {
          setAdded(`${displayName.trim()} can now sign in as ${username.trim().toLowerCase()}.`);
          setDisplayName('');
          setUsername('');
          setIsUsernameTyped(false);
          setRoles([]);
          setTeamIds([]);
          setPassword('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="add-person-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="add-person-heading">
        Add a person
      </h2>
      {added ? (
        <div className="govuk-inset-text" data-testid="person-added">
          {added}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate data-testid="add-person">
        <ErrorSummary errors={errors} />
        <ProblemBanner message={add.isError ? problemOf(add.error) : null} />
        <TextField
          label="Full name"
          name="displayName"
          value={displayName}
          error={errors.displayName}
          onChange={(value) => {
            setDisplayName(value);
            if (!isUsernameTyped) setUsername(suggestUsername(value));
          }}
        />
        <TextField
          label="Username"
          hint="What they type to sign in, or their organisation sign-in name (such as pat.lee@dept.gov.uk). Letters, digits, dots, dashes, underscores and @."
          name="username"
          value={username}
          error={errors.username}
          autoComplete="off"
          onChange={(value) => {
            setUsername(value);
            setIsUsernameTyped(true);
          }}
        />
        <Checkboxes
          legend="What they do"
          name="roles"
          values={roles}
          error={errors.roles}
          onChange={(values) => setRoles(values as Role[])}
          options={ROLE_OPTIONS}
        />
        <Checkboxes
          legend="Teams"
          hint="People in the information rights team see every case."
          name="teams"
          values={teamIds}
          onChange={setTeamIds}
          options={teamOptions}
        />
        <TextField
          label="First password"
          hint="At least 12 characters. Tell it to them in person or by phone, not by e-mail; they can change it on their Account page."
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          error={errors.password}
          onChange={setPassword}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={add.isPending}>
          Add person
        </button>
      </form>
    </section>
  );
}

function ChangeAccess({ person }: { person: AccountSummary }) {
  const change = useChangeAccess(person.userId);
  const listed = useTeamOptions();
  // A team this device's directory does not list yet still shows, ticked, so it can be seen and removed.
  const teamOptions = [
    ...listed,
    ...person.teamIds.filter((t) => !listed.some((o) => o.value === t)).map((t) => ({ value: t, label: t })),
  ];
  const [roles, setRoles] = useState<Role[]>(person.roles);
  const [teamIds, setTeamIds] = useState<string[]>(person.teamIds);
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) {
      setError('Choose at least one role');
      return;
    }
    setError(undefined);
    change.mutate({ roles, teamIds });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="change-access">
      <ErrorSummary errors={{ [`roles-${person.userId}`]: error }} />
      <ProblemBanner message={change.isError ? problemOf(change.error) : null} />
      {change.isSuccess ? (
        <p className="govuk-body" data-testid="access-saved">
          Saved. What {person.displayName} can see changes at their next sync.
        </p>
      ) : null}
      <Checkboxes
        legend="What they do"
        name={`roles-${person.userId}`}
        values={roles}
        error={error}
        onChange={(values) => setRoles(values as Role[])}
        options={ROLE_OPTIONS}
      />
      <Checkboxes
        legend="Teams"
        name={`teams-${person.userId}`}
        values={teamIds}
        onChange={setTeamIds}
        options={teamOptions}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={change.isPending}>
        Save roles and teams
      </button>
    </form>
  );
}

function ResetPassword({ person }: { person: AccountSummary }) {
  const reset = useResetPassword(person.userId);
  const [password, setPassword] = useState('');
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const name = `new-password-${person.userId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    setError(problem);
    if (!problem)
      reset.mutate(
        { password, signOutDevices: isSigningOut },
        {
          onSuccess: () => {
            setPassword('');
            setSignedOut(isSigningOut);
            setIsSigningOut(false);
          },
        },
      );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="reset-password">
      <ProblemBanner message={reset.isError ? problemOf(reset.error) : null} />
      {reset.isSuccess ? (
        <p className="govuk-body" data-testid="password-reset">
          {person.displayName}’s password has been changed.{' '}
          {signedOut ? 'Their devices have been signed out.' : 'Their devices stay signed in.'}
        </p>
      ) : null}
      <TextField
        label="New password"
        hint="At least 12 characters."
        name={name}
        type="password"
        autoComplete="new-password"
        value={password}
        error={error}
        onChange={setPassword}
      />
      <Checkbox
        label="Also sign them out of every device"
        hint="Do this if someone else may know their password. Changes not yet sent from their devices will be lost."
        name={`sign-out-${person.userId}`}
        isChecked={isSigningOut}
        onChange={setIsSigningOut}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={reset.isPending}>
        Set new password
      </button>
    </form>
  );
}

/**
 * The link between the account and the organisation account it signs in with, made at the
 * first organisation sign-in. Removing it (a wrong first sign-in, or a new app registration that
 * gives everyone new identities) lets the next organisation sign-in link it again; it is recorded
 * in the audit trail, and signs nobody out.
 */
function OrganisationSignIn({ person, isLinked }: { person: AccountSummary; isLinked: boolean }) {
  const remove = useRemoveSignInLink(person.userId);
  const [isConfirming, setIsConfirming] = useState(false);
  if (remove.isSuccess) {
    return (
      <p className="govuk-body" data-testid="sign-in-link-removed">
        The link has been removed. The next time {person.displayName} signs in with their organisation
        account, it will be linked to this account again.
      </p>
    );
  }
  if (!isLinked) {
    return (
      <p className="govuk-body" data-testid="sign-in-link">
        Not linked. {person.displayName}’s account is linked to their organisation account the first time they
        sign in with it.
      </p>
    );
  }
  return (
    <div data-testid="sign-in-link">
      <ProblemBanner message={remove.isError ? problemOf(remove.error) : null} />
      <p className="govuk-body">
        Linked. Only the organisation account that first signed in as {person.username} can sign in to it.
      </p>
      {isConfirming ? (
        <>
          <p className="govuk-body govuk-!-font-weight-bold">
            Remove the link between {person.displayName}’s Clearway account and their organisation account?
            Whoever next signs in with the organisation account named {person.username} will be linked to it.
            Their devices stay signed in.
          </p>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              Yes, remove the link
            </button>
            <button
              type="button"
              className="govuk-link app-link-button"
              onClick={() => setIsConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => setIsConfirming(true)}
        >
          Remove organisation sign-in link
        </button>
      )}
    </div>
  );
}

function PersonDevices({ person }: { person: AccountSummary }) {
  const devices = usePersonDevices(person.userId);
  const signOut = useSignOutDevice(person.userId);
  if (devices.isError) return <p className="govuk-body">{problemOf(devices.error)}</p>;
  if (!devices.data) return <p className="govuk-body">Loading devices…</p>;
  const active = devices.data.filter((d) => !d.revokedAt);
  if (active.length === 0) return <p className="govuk-body">No devices are signed in.</p>;
  return (
    <DevicesTable
      devices={active}
      caption="Signed-in devices"
      signOutLabel="Sign out and wipe"
      isSigningOut={signOut.isPending}
      onSignOut={(deviceId) => signOut.mutate(deviceId)}
      testId="person-devices"
    />
  );
}

function PersonPanel({
  person,
  isLinked,
  onClose,
}: {
  person: AccountSummary;
  /** Undefined until the server has said. */
  isLinked: boolean | undefined;
  onClose: () => void;
}) {
  // Only where organisation sign-in is set up, or a link is left from when it was.
  const hasOrganisationSignIn = Boolean(useSignInOptions()?.oidc) || isLinked === true;
  return (
    <section
      aria-labelledby="person-heading"
      className="app-person-panel govuk-!-margin-bottom-8"
      data-testid="person-panel"
    >
      <h2 className="govuk-heading-m" id="person-heading" tabIndex={-1}>
        {person.displayName} <span className="govuk-caption-m">{person.username}</span>
      </h2>
      <ChangeAccess key={person.userId} person={person} />
      <h3 className="govuk-heading-s">Password</h3>
      <ResetPassword key={person.userId} person={person} />
      {hasOrganisationSignIn && isLinked !== undefined ? (
        <>
          <h3 className="govuk-heading-s">Organisation sign-in</h3>
          <OrganisationSignIn key={person.userId} person={person} isLinked={isLinked} />
        </>
      ) : null}
      <h3 className="govuk-heading-s">Devices</h3>
      <p className="govuk-body">
        Sign out a lost or shared device: it removes everything Clearway keeps on it the next time it
        connects.
      </p>
      <PersonDevices person={person} />
      <button type="button" className="govuk-link app-link-button" onClick={onClose}>
        Close {person.displayName}
      </button>
    </section>
  );
}

export function PeoplePage() {
  const session = useSession();
  const isAdmin = session.status === 'signed-in' && session.user.roles.includes('administrator');
  const accounts = useAccounts(isAdmin);
  const [chosen, setChosen] = useState<string | null>(null);
  const teamNames = new Map(useTeamOptions().map((t) => [t.value, t.label]));
  if (!isAdmin) {
    return (
      <>
        <h1 className="govuk-heading-l">People and access</h1>
        <p className="govuk-body">Only an administrator can manage people’s accounts.</p>
      </>
    );
  }
  const person = accounts.data?.find((a) => a.userId === chosen);
  return (
    <>
      <h1 className="govuk-heading-l">People and access</h1>
      <p className="govuk-body">
        Who can sign in, what they do and which teams they are in. What a person can see follows from these at
        their next sync, and every change is kept in the audit trail.
      </p>
      {accounts.isError ? (
        <p className="govuk-body" data-testid="people-offline">
          {accounts.error instanceof ApiError && accounts.error.isOffline
            ? 'People and access can be seen and changed when this device is online.'
            : problemOf(accounts.error)}
        </p>
      ) : null}
      {person ? (
        <PersonPanel
          person={person}
          isLinked={person.hasOrganisationSignInLink}
          onClose={() => setChosen(null)}
        />
      ) : null}
      {accounts.data ? (
        <table className="govuk-table" data-testid="people-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {accounts.data.length} {accounts.data.length === 1 ? 'person' : 'people'}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Username
              </th>
              <th scope="col" className="govuk-table__header">
                What they do
              </th>
              <th scope="col" className="govuk-table__header">
                Teams
              </th>
              <th scope="col" className="govuk-table__header">
                Devices
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {accounts.data.map((a) => (
              <tr className="govuk-table__row" key={a.userId}>
                <td className="govuk-table__cell">
                  {a.displayName}
                  {a.isDemo ? (
                    <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-1">Demo</strong>
                  ) : null}
                </td>
                <td className="govuk-table__cell">{a.username}</td>
                <td className="govuk-table__cell">{roleWords(a.roles).join(', ')}</td>
                <td className="govuk-table__cell">
                  {a.teamIds.length === 0 ? 'None' : a.teamIds.map((t) => teamNames.get(t) ?? t).join(', ')}
                </td>
                <td className="govuk-table__cell">
                  {a.activeDevices === 0 ? 'None' : `${a.activeDevices} signed in`}
                </td>
                <td className="govuk-table__cell">
                  <button
                    type="button"
                    className="govuk-link app-link-button"
                    onClick={() => {
                      setChosen(a.userId);
                      // The panel opens above the table: take keyboard and screen-reader focus there.
                      requestAnimationFrame(() => document.getElementById('person-heading')?.focus());
                    }}
                  >
                    Change<span className="govuk-visually-hidden"> {a.displayName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <AddPerson />
    </>
  );
}
