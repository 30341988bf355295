// Clarifying a request: ask (the clock stops), record the answer (the clock restarts from that
// day and the new due date is shown before saving), or withdraw the case when none comes.
import { useState } from 'react';
import { type DueDateInput, dueDate } from '../../domain/deadlines';
import { DateField, TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { dueDateInputOf } from '../case/caseDeadline';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { dayText } from '../case/whenText';
import { withdrawAfter } from './clarificationWait';

function RequestClarification() {
  const { stream, today } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [question, setQuestion] = useState('');
  const [requestedOn, setRequestedOn] = useState(today);
  return (
    <StepForm
      title="Ask the requester to clarify"
      submitLabel="Record clarification request"
      problem={problem}
      isSending={isSending}
      isSecondary
      testId="step-clarification-request"
      onSubmit={async () => {
        if (await run('case.clarification_requested', { question, requestedOn })) setQuestion('');
      }}
    >
      <p className="govuk-body-s">
        The clock stops from the day you ask until the answer comes; then the 20 working days start again.
      </p>
      <TextArea
        label="What you asked"
        name="clarification-question"
        value={question}
        onChange={setQuestion}
        rows={3}
      />
      <DateField
        label="Date asked"
        name="clarification-requested-on"
        value={requestedOn}
        onChange={setRequestedOn}
      />
    </StepForm>
  );
}

function newDueDate(input: DueDateInput | null, receivedOn: string): string | null {
  if (!input || !/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) return null;
  try {
    return dueDate({ ...input, clarificationReceived: receivedOn });
  } catch {
    return null;
  }
}

function RecordClarification() {
  const { stream, today, state } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [answer, setAnswer] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const due = newDueDate(dueDateInputOf(state), receivedOn);
  return (
    <StepForm
      title="Record the requester's answer"
      submitLabel="Record answer and restart the clock"
      problem={problem}
      isSending={isSending}
      testId="step-clarification-received"
      onSubmit={() => run('case.clarification_received', { answer, receivedOn })}
    >
      <TextArea
        label="Their answer"
        name="clarification-answer"
        value={answer}
        onChange={setAnswer}
        rows={3}
      />
      <DateField
        label="Date received"
        name="clarification-received-on"
        value={receivedOn}
        onChange={setReceivedOn}
      />
      {due ? (
        <div className="govuk-inset-text" data-testid="new-due-date">
          The clock restarts: the new due date will be <strong>{dayText(due)}</strong>.
        </div>
      ) : null}
    </StepForm>
  );
}

function Withdraw() {
  const { stream, state, today } = useCaseContext();
  const asked = state.clockStops.find((stop) => stop.kind === 'clarification' && stop.to === null);
  const after = asked ? withdrawAfter(asked.from) : null;
  const { run, problem, isSending } = useStep(stream);
  const [reason, setReason] = useState('No clarification received');
  return (
    <StepForm
      title="Close as withdrawn"
      submitLabel="Withdraw the request"
      problem={problem}
      isSending={isSending}
      isSecondary
      testId="step-withdraw"
      onSubmit={() => run('case.withdrawn', { reason })}
    >
      {after ? (
        <p className="govuk-body" data-testid="withdraw-after">
          {after < today ? (
            <strong className="govuk-tag govuk-tag--red">
              No answer since {dayText(asked?.from ?? after)}: you may close it now
            </strong>
          ) : (
            <>If no answer comes by {dayText(after)}, you may close the request as withdrawn.</>
          )}
        </p>
      ) : null}
      <TextArea label="Why" name="withdraw-reason" value={reason} onChange={setReason} rows={2} />
    </StepForm>
  );
}

/** The clarification steps this person may take now. */
export function ClarificationSteps() {
  const { allowed } = useCaseContext();
  return (
    <>
      {allowed.has('case.clarification_received') ? <RecordClarification /> : null}
      {allowed.has('case.clarification_requested') ? <RequestClarification /> : null}
      {allowed.has('case.withdrawn') && allowed.has('case.clarification_received') ? <Withdraw /> : null}
    </>
  );
}
