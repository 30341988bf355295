// The deadline panel: the statutory due date in plain words, working days left with a colour,
// the internal milestones, and "How this date was worked out" (the engine's own working).
import { RAG_TAG_CLASS, RAG_WORDS } from '../inbox/dueSummary';
import type { CaseDeadline } from './caseDeadline';
import { dayText } from './whenText';

export function DeadlinePanel({ deadline, today }: { deadline: CaseDeadline; today: string }) {
  return (
    <aside
      className="app-deadline-panel govuk-!-margin-bottom-6"
      aria-labelledby="deadline-heading"
      data-testid="deadline-panel"
    >
      <h2 className="govuk-heading-m" id="deadline-heading">
        Deadline
      </h2>
      {deadline.kind === 'due' ? (
        <>
          <p className="govuk-body-l govuk-!-margin-bottom-2" data-testid="due-text">
            {deadline.dueText}
          </p>
          <p className="govuk-body">
            <strong className={RAG_TAG_CLASS[deadline.rag]}>{RAG_WORDS[deadline.rag]}</strong>{' '}
            {deadline.due.length === 10 ? <>Statutory due date: {dayText(deadline.due)}</> : null}
          </p>
          {deadline.milestones.length > 0 ? (
            <>
              <h3 className="govuk-heading-s">Milestones</h3>
              <ul className="govuk-list">
                {deadline.milestones.map((m) => (
                  <li key={m.key}>
                    {m.label}:{' '}
                    {m.status === 'set' ? (
                      <strong className={m.due < today ? 'app-text--late' : undefined}>
                        {dayText(m.due)}
                        {m.due < today ? ' (passed)' : ''}
                      </strong>
                    ) : (
                      <span className="govuk-hint">{m.reason}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">How this date was worked out</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body-s">{deadline.explanation.label}</p>
              <ol className="govuk-list govuk-list--number govuk-body-s">
                {deadline.explanation.lines.map((line, index) => (
                  // Lines can repeat ("not counted (weekend)" on two Saturdays): the index keeps them apart.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
                  <li key={index}>{line}</li>
                ))}
              </ol>
              {deadline.explanation.warnings.map((warning) => (
                <div className="govuk-warning-text" key={warning}>
                  <span className="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong className="govuk-warning-text__text">{warning}</strong>
                </div>
              ))}
            </div>
          </details>
        </>
      ) : (
        <p className="govuk-body" data-testid="due-text">
          {deadline.kind === 'stopped'
            ? `${deadline.why} Stopped since ${dayText(deadline.since)}.`
            : deadline.why}
        </p>
      )}
    </aside>
  );
}
