// The library of pre-approved letters (instead of Word files on a shared drive): each template
// says which kinds of case it is for and uses placeholders the draft editor fills in. An
// administrator also sets the letterhead printed on response letters here.
import '../journey.css';
import { useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { useSession } from '../../data';
import { type CaseType, caseTypes, type StreamId, type Template } from '../../domain';
import { Checkbox, TextArea, TextField } from '../../ui/fields';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { useTemplateList } from '../drafting/templateData';
import { PLACEHOLDERS, placeholdersIn } from '../drafting/templateFill';
import { LetterheadForm } from './LetterheadForm';

const TEMPLATES_STREAM = 'org:templates' as StreamId;
const EDITOR_ROLES = ['administrator', 'manager', 'case_worker'];

function TemplateForm({ template, onDone }: { template: Template | null; onDone: () => void }) {
  const { run, problem, isSending } = useStep(TEMPLATES_STREAM);
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [types, setTypes] = useState<CaseType[]>(template?.caseTypes ?? ['foi']);
  const unknown = placeholdersIn(body).filter(
    (p) => !(p in PLACEHOLDERS) && p !== 'dueDate' && p !== 'receivedDate',
  );
  return (
    <StepForm
      title={template ? `Edit “${template.name}”` : 'Add a template'}
      submitLabel="Save template"
      problem={problem}
      isSending={isSending}
      testId="template-form"
      onSubmit={async () => {
        if (
          await run('template.saved', {
            templateId: template?.templateId ?? uuidv7(),
            name,
            caseTypes: types,
            body,
          })
        )
          onDone();
      }}
    >
      <TextField label="Name" name="template-name" value={name} onChange={setName} />
      <fieldset className="govuk-fieldset govuk-!-margin-bottom-4">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">For these kinds of case</legend>
        {(['foi', 'eir', 'foisa', 'internal_review', 'sar'] as const).map((type) => (
          <Checkbox
            key={type}
            label={caseTypes[type].label}
            name={`template-type-${type}`}
            isChecked={types.includes(type)}
            onChange={(on) => setTypes((t) => (on ? [...t, type] : t.filter((x) => x !== type)))}
          />
        ))}
      </fieldset>
      <TextArea label="Letter text" name="template-body" value={body} onChange={setBody} rows={12} />
      {unknown.length > 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            Not a placeholder the app knows: {unknown.map((u) => `{{${u}}}`).join(', ')}
          </strong>
        </div>
      ) : null}
    </StepForm>
  );
}

export function TemplatesPage() {
  const session = useSession();
  const { templates } = useTemplateList();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  // Organisation streams show what the server accepted; say so, rather than seem to lose a save.
  const [notice, setNotice] = useState<string | null>(null);
  const retire = useStep(TEMPLATES_STREAM);
  const canEdit = session.status === 'signed-in' && session.user.roles.some((r) => EDITOR_ROLES.includes(r));
  const isAdministrator = session.status === 'signed-in' && session.user.roles.includes('administrator');
  const live = templates.filter((t) => !t.isRetired);
  return (
    <>
      <h1 className="govuk-heading-l">Letter templates</h1>
      <p className="govuk-body">
        Pre-approved letters. When drafting, these placeholders are filled from the case:
      </p>
      <dl className="govuk-summary-list govuk-summary-list--no-border">
        {Object.entries(PLACEHOLDERS).map(([key, meaning]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">
              <code>{`{{${key}}}`}</code>
            </dt>
            <dd className="govuk-summary-list__value">{meaning}</dd>
          </div>
        ))}
      </dl>
      {isAdministrator ? (
        <LetterheadForm
          onSaved={() =>
            setNotice('Letterhead saved on this device. Letters use it once it reaches the server.')
          }
        />
      ) : null}
      {canEdit && editing === null ? (
        <button type="button" className="govuk-button" onClick={() => setEditing('new')}>
          Add a template
        </button>
      ) : null}
      {editing !== null ? (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.templateId}
          template={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            setNotice('Saved on this device. The library shows it once it reaches the server.');
          }}
        />
      ) : null}
      {notice ? (
        <div className="govuk-inset-text" data-testid="template-saved">
          {notice}
        </div>
      ) : null}
      {retire.problem ? (
        <p className="govuk-error-message" role="alert">
          {retire.problem}
        </p>
      ) : null}
      {live.length === 0 ? <p className="govuk-body">No templates yet.</p> : null}
      {live.map((t) => (
        <div className="govuk-summary-card" key={t.templateId} data-testid="template">
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">{t.name}</h2>
            {canEdit ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <button type="button" className="govuk-link app-link-button" onClick={() => setEditing(t)}>
                    Edit<span className="govuk-visually-hidden"> {t.name}</span>
                  </button>
                </li>
                <li className="govuk-summary-card__action">
                  <button
                    type="button"
                    className="govuk-link app-link-button"
                    onClick={() => retire.run('template.retired', { templateId: t.templateId })}
                  >
                    Retire<span className="govuk-visually-hidden"> {t.name}</span>
                  </button>
                </li>
              </ul>
            ) : null}
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body-s">
              For: {t.caseTypes.map((c) => caseTypes[c].referencePrefix).join(', ')} · version {t.version}
            </p>
            <p className="govuk-body app-preserve-lines">{t.body}</p>
          </div>
        </div>
      ))}
    </>
  );
}
