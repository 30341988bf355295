// The devices signed in as someone, each with a button to sign it out (it wipes what it holds
// at its next contact): on the person's own Account page and on an administrator's People page.
import type { Device } from '../data';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function DevicesTable({
  devices,
  caption,
  signOutLabel,
  isSigningOut,
  onSignOut,
  testId,
  isCaptionHidden = false,
}: {
  devices: readonly Device[];
  caption: string;
  signOutLabel: string;
  isSigningOut: boolean;
  onSignOut: (deviceId: string) => void;
  testId?: string;
  /** When a heading above already says it. */
  isCaptionHidden?: boolean;
}) {
  return (
    <table className="govuk-table" data-testid={testId}>
      <caption
        className={`govuk-table__caption govuk-table__caption--s${isCaptionHidden ? ' govuk-visually-hidden' : ''}`}
      >
        {caption}
      </caption>
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
        {devices.map((device) => (
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
                  disabled={isSigningOut}
                  onClick={() => onSignOut(device.deviceId)}
                >
                  {signOutLabel}
                  <span className="govuk-visually-hidden"> ({device.name ?? 'unnamed device'})</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
