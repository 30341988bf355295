// Steps the server refused: shown with its reason until the person has read it, never lost
// silently (a refused step made offline is still the person's work). The pieces here (the
// summary, the reason, the "I have read this" button) are shared with the page that lists
// every refusal (features/refused), so a refusal reads the same wherever it is shown.

import type { OutboxDocument } from '../../data';
import { useDismissRejected } from '../../data';
import { type ClearwayEvent, describeEvent, parseEvent } from '../../domain';

export function summaryOf(raw: unknown, nameOf: (id: string) => string): string {
  const parsed = parseEvent(raw);
  return parsed.ok ? describeEvent(parsed.event as ClearwayEvent, nameOf) : 'A change';
}

/** The server's reason in the person's words; an old server may not have sent one. */
export function reasonOf(event: OutboxDocument): string {
  return event.reason ?? 'no reason given';
}

/**
 * Removes the refusal from this device once the person has read it. `summary` is read out after
 * the button's words, so each of several buttons says which change it is for.
 */
export function DismissButton({
  event,
  summary,
  onDismissed,
}: {
  event: OutboxDocument;
  summary: string;
  onDismissed?: () => void;
}) {
  const dismiss = useDismissRejected();
  return (
    <button
      type="button"
      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
      onClick={() => void dismiss(event.id).then(onDismissed)}
    >
      I have read this<span className="govuk-visually-hidden">: {summary}</span>
    </button>
  );
}

export function RejectedSteps({
  rejected,
  nameOf,
}: {
  rejected: readonly OutboxDocument[];
  nameOf: (id: string) => string;
}) {
  if (rejected.length === 0) return null;
  return (
    <div className="govuk-error-summary" role="alert" data-testid="rejected-steps">
      <h2 className="govuk-error-summary__title">Not accepted</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list">
          {rejected.map((event) => {
            const summary = summaryOf(event, nameOf);
            return (
              <li key={event.id}>
                <strong>{summary}</strong> was not accepted: {reasonOf(event)}{' '}
                <DismissButton event={event} summary={summary} />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
