// "A new version is available — Reload": shown when a new service worker is waiting.
import { useEffect, useState } from 'react';
import { NotificationBanner } from '../ui/NotificationBanner';
import { onUpdateWaiting, reloadToUpdate } from './pwa';

export function UpdatePrompt() {
  const [isWaiting, setIsWaiting] = useState(false);
  useEffect(() => onUpdateWaiting(setIsWaiting), []);
  if (!isWaiting) return null;
  return (
    <NotificationBanner title="Update">
      <p className="govuk-notification-banner__heading">A new version of Clearway is available.</p>
      <p className="govuk-body">Save what you are working on, then reload to use it.</p>
      <button
        type="button"
        className="govuk-button govuk-!-margin-bottom-0"
        onClick={() => void reloadToUpdate()}
      >
        Reload
      </button>
    </NotificationBanner>
  );
}
