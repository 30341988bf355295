// The response editor: assemble the letter from a pre-approved template and the contributions,
// edit it, and save numbered versions. Every part shows who wrote it, so reviewers know whom
// to ask. Then send it for review or clearance.
import { useMemo, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { Draft, DraftPart } from '../../domain/caseState';
import { SelectField, TextArea } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { usePeople } from '../case/people';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { dayText, instantText } from '../case/whenText';
import { useTemplateList } from './templateData';
import { caseTemplateValues, fillTemplate } from './templateFill';

type EditablePart = { partId: string; author: string; text: string; fromContributionId: string | null };

function toPayloadPart(part: EditablePart) {
  return {
    partId: part.partId,
    author: part.author,
    text: part.text,
    ...(part.fromContributionId ? { fromContributionId: part.fromContributionId } : {}),
  };
}

function DraftView({ draft, nameOf }: { draft: Draft; nameOf: (id: string) => string }) {
  return (
    <div data-testid="draft-view">
      {draft.parts.map((part: DraftPart) => (
        <div className="app-draft-part govuk-!-margin-bottom-4" key={part.partId}>
          <p className="govuk-caption-m govuk-!-margin-bottom-1">
            Written by {nameOf(part.author)}
            {part.fromContributionId ? ' (from their contribution)' : ''}
          </p>
          <p className="govuk-body app-preserve-lines">{part.text}</p>
        </div>
      ))}
    </div>
  );
}

function DraftEditor({ latest }: { latest: Draft | undefined }) {
  const { stream, state, me, nameOf, today, deadline } = useCaseContext();
  const { templates } = useTemplateList();
  const { run, problem, isSending } = useStep(stream);
  const [parts, setParts] = useState<EditablePart[]>(() =>
    latest ? latest.parts.map((p) => ({ ...p })) : [],
  );
  const [templateId, setTemplateId] = useState<string>(latest?.templateId ?? '');
  const [missing, setMissing] = useState<string[]>([]);
  const usable = templates.filter((t) => !t.isRetired && t.caseTypes.includes(state.caseType));
  const values = useMemo(
    () =>
      caseTemplateValues({
        reference: state.reference,
        requesterName: state.requester.name,
        receivedOn: state.receivedOn,
        due: deadline.kind === 'due' && deadline.due.length === 10 ? deadline.due : null,
        today,
        requestText: state.requestText,
        officerName: me.displayName,
        teamName: state.allocations.find((a) => a.to === me.userId)?.service,
        formatDay: dayText,
      }),
    [state, deadline, today, me],
  );
  const addTemplate = () => {
    const template = usable.find((t) => t.templateId === templateId);
    if (!template) return;
    const filled = fillTemplate(template.body, values);
    setMissing([...filled.missing, ...filled.unknown]);
    setParts((current) => [
      { partId: uuidv7(), author: me.userId, text: filled.text, fromContributionId: null },
      ...current,
    ]);
  };
  const unused = state.contributions.filter(
    (c) => c.text !== null && !parts.some((p) => p.fromContributionId === c.contributionId),
  );
  const update = (partId: string, text: string) =>
    setParts((current) => current.map((p) => (p.partId === partId ? { ...p, text } : p)));
  const remove = (partId: string) => setParts((current) => current.filter((p) => p.partId !== partId));

  return (
    <StepForm
      title={latest ? `Edit the draft (now version ${latest.version})` : 'Draft the response'}
      submitLabel="Save draft"
      problem={problem}
      isSending={isSending}
      testId="step-draft"
      onSubmit={() =>
        run('draft.saved', {
          version: (state.drafts.at(-1)?.version ?? 0) + 1,
          parts: parts.map(toPayloadPart),
          ...(templateId ? { templateId } : {}),
        })
      }
    >
      <div className="govuk-form-group">
        <SelectField
          label="Start from a pre-approved template"
          name="draft-template"
          value={templateId}
          onChange={setTemplateId}
          options={[
            {
              value: '',
              label: usable.length > 0 ? 'Choose a template' : 'No templates for this kind of case yet',
            },
            ...usable.map((t) => ({ value: t.templateId, label: t.name })),
          ]}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={addTemplate}
          disabled={!templateId}
        >
          Use this template
        </button>
        {missing.length > 0 ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              Fill in before sending: {missing.map((m) => `{{${m}}}`).join(', ')}
            </strong>
          </div>
        ) : null}
      </div>
      {unused.map((c) => (
        <button
          type="button"
          key={c.contributionId}
          className="govuk-button govuk-button--secondary govuk-!-margin-right-2"
          onClick={() =>
            setParts((current) => [
              ...current,
              { partId: uuidv7(), author: c.to, text: c.text ?? '', fromContributionId: c.contributionId },
            ])
          }
        >
          Add {nameOf(c.to)}’s contribution
        </button>
      ))}
      {parts.length === 0 ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() =>
            setParts([{ partId: uuidv7(), author: me.userId, text: '', fromContributionId: null }])
          }
        >
          Start with a blank part
        </button>
      ) : null}
      {parts.map((part, index) => (
        <div key={part.partId}>
          <TextArea
            label={`Part ${index + 1}, written by ${nameOf(part.author)}`}
            name={`draft-part-${index + 1}`}
            value={part.text}
            onChange={(text) => update(part.partId, text)}
            rows={8}
          />
          <button
            type="button"
            className="govuk-button govuk-button--warning govuk-!-margin-bottom-4"
            onClick={() => remove(part.partId)}
          >
            Remove part {index + 1}
          </button>
        </div>
      ))}
    </StepForm>
  );
}

function SendOn({ kind }: { kind: 'review' | 'clearance' }) {
  const { stream, state, nameOf } = useCaseContext();
  const { people } = usePeople();
  const { run, problem, isSending } = useStep(stream);
  const wanted = kind === 'review' ? ['case_worker', 'manager'] : ['clearance_officer', 'manager'];
  // Offline the accounts list is empty: the person who logged the case is always offered.
  const candidates = people.filter((p) => p.roles.some((r) => wanted.includes(r)));
  const options =
    candidates.some((p) => p.userId === state.loggedBy) || kind === 'clearance'
      ? candidates
      : [{ userId: state.loggedBy, name: nameOf(state.loggedBy), roles: [] }, ...candidates];
  const [who, setWho] = useState(kind === 'review' ? state.loggedBy : '');
  const [note, setNote] = useState('');
  return (
    <StepForm
      title={kind === 'review' ? 'Send the draft for review' : 'Send for clearance'}
      submitLabel={kind === 'review' ? 'Send for review' : 'Send for clearance'}
      problem={problem}
      isSending={isSending}
      isSecondary={kind === 'clearance'}
      testId={`step-send-${kind}`}
      onSubmit={() =>
        kind === 'review'
          ? run('review.requested', { reviewId: uuidv7(), reviewer: who, ...(note.trim() ? { note } : {}) })
          : run('clearance.requested', {
              clearanceId: uuidv7(),
              clearer: who,
              ...(note.trim() ? { note } : {}),
            })
      }
    >
      <SelectField
        label={kind === 'review' ? 'Reviewer' : 'Clearance officer'}
        name={`${kind}-who`}
        value={who}
        onChange={setWho}
        options={[
          { value: '', label: 'Choose a person' },
          ...options.map((p) => ({ value: p.userId, label: p.name })),
        ]}
      />
      <TextArea label="Note (optional)" name={`${kind}-note`} value={note} onChange={setNote} rows={2} />
    </StepForm>
  );
}

export function DraftSteps() {
  const { state, nameOf, allowed } = useCaseContext();
  const latest = state.drafts.at(-1);
  const earlier = state.drafts.slice(0, -1).reverse();
  if (!latest && !allowed.has('draft.saved')) return null;
  return (
    <section aria-labelledby="draft-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="draft-heading">
        Response
      </h2>
      {latest ? (
        <>
          <p className="govuk-body-s">
            Version {latest.version}, saved by {nameOf(latest.savedBy)} {instantText(latest.savedAt)}
          </p>
          <DraftView draft={latest} nameOf={nameOf} />
        </>
      ) : (
        <p className="govuk-body">No draft yet.</p>
      )}
      {earlier.length > 0 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Earlier versions ({earlier.length})</span>
          </summary>
          <div className="govuk-details__text">
            {earlier.map((draft) => (
              <div key={draft.version}>
                <h3 className="govuk-heading-s">
                  Version {draft.version}, saved by {nameOf(draft.savedBy)} {instantText(draft.savedAt)}
                </h3>
                <DraftView draft={draft} nameOf={nameOf} />
              </div>
            ))}
          </div>
        </details>
      ) : null}
      {allowed.has('draft.saved') ? <DraftEditor key={latest?.version ?? 0} latest={latest} /> : null}
      {latest && allowed.has('review.requested') ? <SendOn kind="review" /> : null}
      {latest && allowed.has('clearance.requested') ? <SendOn kind="clearance" /> : null}
    </section>
  );
}
