// Contributions: ask other people for their part, each with its own due date; they write it
// inside the case (no e-mail), and every part keeps its author for the draft and the reviewers.
import { useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { Contribution } from '../../domain/caseState';
import { DateField, SelectField, TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { usePeople } from '../case/people';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { dayText, instantText } from '../case/whenText';

function defaultDueOn(milestoneDue: string | undefined, today: string): string {
  return milestoneDue && milestoneDue >= today ? milestoneDue : today;
}

function RequestContribution() {
  const { stream, today, deadline } = useCaseContext();
  const { people } = usePeople();
  const { run, problem, isSending } = useStep(stream);
  const milestone =
    deadline.kind === 'due' ? deadline.milestones.find((m) => m.key === 'contributions_due') : undefined;
  const [to, setTo] = useState('');
  const [question, setQuestion] = useState('');
  const [dueOn, setDueOn] = useState(
    defaultDueOn(milestone?.status === 'set' ? milestone.due : undefined, today),
  );
  return (
    <StepForm
      title="Ask someone for a contribution"
      submitLabel="Request contribution"
      problem={problem}
      isSending={isSending}
      isSecondary
      testId="step-request-contribution"
      onSubmit={async () => {
        if (await run('contribution.requested', { contributionId: uuidv7(), to, question, dueOn })) {
          setQuestion('');
          setTo('');
        }
      }}
    >
      <SelectField
        label="Who"
        name="contribution-to"
        value={to}
        onChange={setTo}
        options={[
          { value: '', label: 'Choose a person' },
          ...people.map((p) => ({ value: p.userId, label: p.name })),
        ]}
      />
      <TextArea
        label="What you need from them"
        name="contribution-question"
        value={question}
        onChange={setQuestion}
        rows={3}
      />
      <DateField label="Needed by" name="contribution-due" value={dueOn} onChange={setDueOn} />
    </StepForm>
  );
}

function WriteContribution({ contribution }: { contribution: Contribution }) {
  const { stream } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [text, setText] = useState('');
  return (
    <StepForm
      title="Write your contribution"
      submitLabel="Send contribution"
      problem={problem}
      isSending={isSending}
      testId="step-write-contribution"
      onSubmit={() => run('contribution.submitted', { contributionId: contribution.contributionId, text })}
    >
      <p className="govuk-body">
        <strong>Asked:</strong> {contribution.question} (needed by {dayText(contribution.dueOn)})
      </p>
      <TextArea
        label="Your contribution"
        name={`contribution-text-${contribution.contributionId}`}
        value={text}
        onChange={setText}
        rows={6}
      />
    </StepForm>
  );
}

export function ContributionSteps() {
  const { state, me, nameOf, today, allowed } = useCaseContext();
  const mine = state.contributions.filter((c) => c.to === me.userId && c.submittedAt === null);
  if (state.contributions.length === 0 && !allowed.has('contribution.requested')) return null;
  return (
    <section aria-labelledby="contributions-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="contributions-heading">
        Contributions
      </h2>
      {state.contributions.length === 0 ? <p className="govuk-body">No contributions requested.</p> : null}
      {state.contributions.map((c) => (
        <div className="govuk-summary-card" key={c.contributionId} data-testid="contribution">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">From {nameOf(c.to)}</h3>
            {c.submittedAt ? (
              <strong className="govuk-tag govuk-tag--green">Received {instantText(c.submittedAt)}</strong>
            ) : (
              <strong className={`govuk-tag ${c.dueOn < today ? 'govuk-tag--red' : 'govuk-tag--yellow'}`}>
                Due {dayText(c.dueOn)}
              </strong>
            )}
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body-s">
              Asked by {nameOf(c.requestedBy)}: {c.question}
            </p>
            {c.text ? <p className="govuk-body app-preserve-lines">{c.text}</p> : null}
          </div>
        </div>
      ))}
      {allowed.has('contribution.submitted')
        ? mine.map((c) => <WriteContribution key={c.contributionId} contribution={c} />)
        : null}
      {allowed.has('contribution.requested') ? <RequestContribution /> : null}
    </section>
  );
}
