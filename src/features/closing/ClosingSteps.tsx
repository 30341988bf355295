// Closing: the outcome, the exemptions used and whether it goes in the disclosure log; and
// reopening with a reason when the requester comes back (no new case to link by hand).
import { useState } from 'react';
import { exemptionsFromReleaseCopies, exemptionTitle } from '../../domain';
import type { Outcome } from '../../domain/events/casePayloads';
import { Checkbox, Radios, TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { ExemptionPicker } from '../case/ExemptionPicker';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { instantText } from '../case/whenText';

export const OUTCOME_LABELS = {
  granted_in_full: 'Granted in full',
  granted_in_part: 'Granted in part',
  refused: 'Refused',
  not_held: 'Information not held',
  withdrawn: 'Withdrawn',
} as const satisfies Record<Outcome, string>;

function Close() {
  const { stream, state } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [outcome, setOutcome] = useState<Outcome>('granted_in_full');
  const [exemptions, setExemptions] = useState<string[]>(
    () => state.response?.exemptions ?? exemptionsFromReleaseCopies(state),
  );
  const [isPublished, setIsPublished] = useState(false);
  const [note, setNote] = useState('');
  return (
    <StepForm
      title="Close the case"
      submitLabel="Close case"
      problem={problem}
      isSending={isSending}
      testId="step-close"
      onSubmit={() =>
        run('case.closed', {
          outcome,
          exemptions,
          publishInDisclosureLog: isPublished,
          ...(note.trim() ? { note } : {}),
        })
      }
    >
      <Radios
        legend="Outcome"
        name="close-outcome"
        value={outcome}
        onChange={(v) => setOutcome(v as Outcome)}
        options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <ExemptionPicker
        name="close-exemption"
        caseType={state.caseType}
        chosen={exemptions}
        onChange={setExemptions}
      />
      <Checkbox
        label="Publish in the disclosure log"
        name="close-disclosure-log"
        isChecked={isPublished}
        onChange={setIsPublished}
      />
      <TextArea label="Note (optional)" name="close-note" value={note} onChange={setNote} rows={2} />
    </StepForm>
  );
}

function Reopen() {
  const { stream } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [reason, setReason] = useState('');
  return (
    <StepForm
      title="Reopen the case"
      submitLabel="Reopen"
      problem={problem}
      isSending={isSending}
      isSecondary
      testId="step-reopen"
      onSubmit={() => run('case.reopened', { reason })}
    >
      <TextArea
        label="Why it is reopened"
        name="reopen-reason"
        value={reason}
        onChange={setReason}
        rows={2}
      />
    </StepForm>
  );
}

export function ClosingSteps() {
  const { state, nameOf, allowed } = useCaseContext();
  return (
    <>
      {state.outcome && state.status === 'closed' ? (
        <section aria-labelledby="outcome-heading" className="govuk-!-margin-bottom-6" data-testid="outcome">
          <h2 className="govuk-heading-m" id="outcome-heading">
            Outcome
          </h2>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Outcome</dt>
              <dd className="govuk-summary-list__value">{OUTCOME_LABELS[state.outcome.outcome]}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Exemptions</dt>
              <dd className="govuk-summary-list__value">
                {state.outcome.exemptions.length > 0
                  ? state.outcome.exemptions.map((s) => `${s} (${exemptionTitle(s)})`).join(', ')
                  : 'None'}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Disclosure log</dt>
              <dd className="govuk-summary-list__value">
                {state.outcome.publishInDisclosureLog ? 'To be published' : 'Not published'}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Closed</dt>
              <dd className="govuk-summary-list__value">
                by {nameOf(state.outcome.closedBy)} {instantText(state.outcome.closedAt)}
              </dd>
            </div>
          </dl>
        </section>
      ) : null}
      {allowed.has('case.closed') ? <Close /> : null}
      {allowed.has('case.reopened') ? <Reopen /> : null}
    </>
  );
}
