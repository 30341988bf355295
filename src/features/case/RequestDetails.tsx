// The request as it came in: who asked, how to reach them, the other people it names, when and
// how it arrived, what they asked for, and the cases it is linked to.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCaseContext } from './caseContext';
import { ChangeThirdParties, ThirdPartiesNamed } from './ThirdParties';
import { dayText, instantText } from './whenText';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function RequestDetails() {
  const { state, nameOf } = useCaseContext();
  const contact = [state.requester.email, state.requester.address].filter(Boolean).join(', ');
  return (
    <section aria-labelledby="request-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="request-heading">
        The request
      </h2>
      <dl className="govuk-summary-list" data-testid="request-details">
        <Row label="From">{state.requester.name}</Row>
        <Row label="Contact">{contact || 'None given'}</Row>
        <Row label="Third parties">
          <ThirdPartiesNamed />
        </Row>
        <Row label="Received">
          {dayText(state.receivedOn)} by {state.channel.replace(/_/g, ' ')}
        </Row>
        <Row label="Subject">{state.subject}</Row>
        <Row label="Request">
          <span className="app-preserve-lines">{state.requestText}</span>
        </Row>
        <Row label="Logged">
          by {nameOf(state.loggedBy)} {instantText(state.loggedAt)}
        </Row>
        {state.links.length > 0 ? (
          <Row label="Linked cases">
            <ul className="govuk-list">
              {state.links.map((link) => (
                <li key={`${link.caseId}-${link.relation}`}>
                  <Link
                    className="govuk-link"
                    to={`/cases/${encodeURIComponent(link.reference ?? link.caseId)}`}
                  >
                    {link.reference ?? link.caseId}
                  </Link>{' '}
                  ({link.relation.replace(/_/g, ' ')})
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
      <ChangeThirdParties />
    </section>
  );
}
