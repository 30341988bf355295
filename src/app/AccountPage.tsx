// Account: who is signed in, their e-mail address (for the weekly chase digest), the devices signed in as them (revoke a lost tablet: it wipes its
// data at its next contact), and how much this device stores.
import { useSession, useStorageEstimate } from '../data';
import { DevicesTable } from '../ui/DevicesTable';
import { useDevices, useRevokeDevice } from './accountQueries';
import { ChangePassword } from './ChangePassword';
import { EmailAddress } from './EmailAddress';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function AccountPage() {
  const session = useSession();
  const devices = useDevices();
  const revoke = useRevokeDevice();
  const storage = useStorageEstimate();
  if (session.status !== 'signed-in') return null;

  return (
    <>
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{session.user.displayName}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Stored on this device</dt>
          <dd className="govuk-summary-list__value">
            {storage.usage !== null ? megabytes(storage.usage) : 'Not known'}
            {storage.isPersisted
              ? ' (kept until you sign out)'
              : ' (the browser may clear it if space runs low)'}
          </dd>
        </div>
      </dl>

      <EmailAddress />
      <ChangePassword />

      <h2 className="govuk-heading-m">Devices signed in as you</h2>
      {devices.isError ? (
        <p className="govuk-body">
          The list of devices needs a connection to the server. Try again when online.
        </p>
      ) : null}
      {devices.data ? (
        <DevicesTable
          devices={devices.data}
          caption="Devices signed in as you"
          isCaptionHidden
          signOutLabel="Sign out this device"
          isSigningOut={revoke.isPending}
          onSignOut={(deviceId) => revoke.mutate(deviceId)}
        />
      ) : null}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() => void session.signOut()}
      >
        Sign out
      </button>
    </>
  );
}
