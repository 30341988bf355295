// One change the server refused, as a GOV.UK summary card: what it was, which case, when it was
// made and the server's reason, with "I have read this". A refused case.logged also shows what
// was typed (requester, subject, the request), because that case was never created and the
// person needs those details to log it again.
import '../journey.css';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { OutboxDocument } from '../../data';
import { useCase } from '../../data';
import { type CaseLogged, caseTypes, parseEvent } from '../../domain';
import { DismissButton, reasonOf, summaryOf } from '../case/RejectedSteps';
import { dayText, instantText } from '../case/whenText';

type Row = readonly [label: string, value: ReactNode];

function loggedPayload(event: OutboxDocument): CaseLogged | null {
  const parsed = parseEvent(event);
  return parsed.ok && parsed.event.type === 'case.logged' ? (parsed.event.payload as CaseLogged) : null;
}

/** The provisional reference a refused case.logged would have had, if it is one. */
export function loggedReference(event: OutboxDocument): string | null {
  return loggedPayload(event)?.reference ?? null;
}

function WhichCase({ event }: { event: OutboxDocument }) {
  const view = useCase(event.stream);
  // The state as this device holds it, its own unsent steps folded in (a provisional reference).
  const state = view.caseDoc?.state;
  const reference = state?.kind === 'case' && typeof state.reference === 'string' ? state.reference : '';
  if (reference) {
    return (
      <Link className="govuk-link" to={`/cases/${encodeURIComponent(reference)}`}>
        {reference}
      </Link>
    );
  }
  if (event.type === 'case.logged') return <>None: the case was not created</>;
  if (event.stream.startsWith('org:')) return <>None: a change to Clearway’s shared settings</>;
  return <>A case that is not on this device (it may no longer be allocated to you)</>;
}

/** What was typed when logging, as the person needs it to log the request again. */
function loggedRows(logged: CaseLogged): Row[] {
  const contact = [logged.requester.email, logged.requester.address].filter(Boolean).join(', ');
  return [
    ['Type of case', caseTypes[logged.caseType].label],
    ['Requester', logged.requester.name],
    ['Contact', contact || 'None given'],
    ['Subject', logged.subject],
    [
      'What they asked for',
      <span key="request" className="app-preserve-lines">
        {logged.requestText}
      </span>,
    ],
    ['Received on', dayText(logged.receivedOn)],
  ];
}

export function RefusedChange({
  event,
  nameOf,
  onDismissed,
}: {
  event: OutboxDocument;
  nameOf: (id: string) => string;
  onDismissed?: () => void;
}) {
  const summary = summaryOf(event, nameOf);
  const logged = loggedPayload(event);
  const rows: Row[] = [
    ['Why the server did not accept it', reasonOf(event)],
    ['Case', <WhichCase key="case" event={event} />],
    ['Made on this device', instantText(event.madeAt)],
    ...(logged ? loggedRows(logged) : []),
  ];
  return (
    <div className="govuk-summary-card" data-testid="refused-change">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{summary}</h2>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          {rows.map(([label, value]) => (
            <div className="govuk-summary-list__row" key={label}>
              <dt className="govuk-summary-list__key">{label}</dt>
              <dd className="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
        {logged ? (
          <p className="govuk-body">
            To log this request again, use{' '}
            <Link className="govuk-link" to="/cases/new">
              Log a request
            </Link>{' '}
            with the details above. If you may no longer log requests, ask your administrator.
          </p>
        ) : null}
        <DismissButton event={event} summary={summary} onDismissed={onDismissed} />
      </div>
    </div>
  );
}

/** Every refusal given, newest first as the data layer orders them. */
export function RefusedChanges({
  rejected,
  nameOf,
  onDismissed,
}: {
  rejected: readonly OutboxDocument[];
  nameOf: (id: string) => string;
  onDismissed?: () => void;
}) {
  return (
    <>
      {rejected.map((event) => (
        <RefusedChange key={event.id} event={event} nameOf={nameOf} onDismissed={onDismissed} />
      ))}
    </>
  );
}
