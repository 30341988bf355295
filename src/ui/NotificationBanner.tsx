// GOV.UK notification banner: important news for the person, with optional actions.
import type { ReactNode } from 'react';

export function NotificationBanner(props: { title?: string; children: ReactNode; isSuccess?: boolean }) {
  const titleId = `banner-title-${props.title?.replace(/\W+/g, '-').toLowerCase() ?? 'important'}`;
  return (
    <div
      className={`govuk-notification-banner${props.isSuccess ? ' govuk-notification-banner--success' : ''}`}
      {...(props.isSuccess ? { role: 'alert' } : { role: 'region', 'aria-labelledby': titleId })}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {props.title ?? 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{props.children}</div>
    </div>
  );
}
