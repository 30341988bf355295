// Steps the server refused: shown with its reason until the person has read it, never lost
// silently (a refused step made offline is still the person's work).

import type { OutboxDocument } from '../../data';
import { useDismissRejected } from '../../data';
import { type ClearwayEvent, describeEvent, parseEvent } from '../../domain';

export function summaryOf(raw: unknown, nameOf: (id: string) => string): string {
  const parsed = parseEvent(raw);
  return parsed.ok ? describeEvent(parsed.event as ClearwayEvent, nameOf) : 'A change';
}

export function RejectedSteps({
  rejected,
  nameOf,
}: {
  rejected: readonly OutboxDocument[];
  nameOf: (id: string) => string;
}) {
  const dismiss = useDismissRejected();
  if (rejected.length === 0) return null;
  return (
    <div className="govuk-error-summary" role="alert" data-testid="rejected-steps">
      <h2 className="govuk-error-summary__title">Not accepted</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list">
          {rejected.map((event) => (
            <li key={event.id}>
              <strong>{summaryOf(event, nameOf)}</strong> was not accepted:{' '}
              {event.reason ?? 'no reason given'}{' '}
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => dismiss(event.id)}
              >
                I have read this
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
