// Account: who is signed in, their e-mail address (for the weekly chase digest), the devices signed in as them (revoke a lost tablet: it wipes its
// data at its next contact), and how much this device stores.
import { useSession, useStorageEstimate } from '../data';
import { useDevices, useRevokeDevice } from './accountQueries';
import { EmailAddress } from './EmailAddress';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

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

      <h2 className="govuk-heading-m">Devices signed in as you</h2>
      {devices.isError ? (
        <p className="govuk-body">
          The list of devices needs a connection to the server. Try again when online.
        </p>
      ) : null}
      {devices.data ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Devices signed in as you</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Device
              </th>
              <th scope="col" className="govuk-table__header">
                Last used
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {devices.data.map((device) => (
              <tr className="govuk-table__row" key={device.deviceId}>
                <td className="govuk-table__cell">
                  {device.name ?? 'Unnamed device'}
                  {device.isCurrent ? (
                    <strong className="govuk-tag govuk-!-margin-left-2">This device</strong>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  {device.revokedAt
                    ? `Signed out ${DATE_TIME.format(new Date(device.revokedAt))}`
                    : DATE_TIME.format(new Date(device.lastSeenAt ?? device.createdAt))}
                </td>
                <td className="govuk-table__cell">
                  {device.revokedAt || device.isCurrent ? null : (
                    <button
                      type="button"
                      className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(device.deviceId)}
                    >
                      Sign out this device
                      <span className="govuk-visually-hidden"> ({device.name ?? 'unnamed device'})</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
