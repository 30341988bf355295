// Log a request (/cases/new): by hand, or from the request e-mail saved as an .eml file, which
// fills the form and is kept on the case with its attachments. Works offline: the case gets a
// provisional reference now and its permanent one when the device syncs.
import '../journey.css';
import { type ChangeEvent, type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { v7 as uuidv7 } from 'uuid';
import { useCases, useUploadBlob } from '../../data';
import { type CaseId, caseStream, MAX_THIRD_PARTIES } from '../../domain';
import {
  DateField,
  ErrorSummary,
  NameList,
  ProblemBanner,
  Radios,
  SelectField,
  TextArea,
  TextField,
} from '../../ui/fields';
import { useDirectoryState } from '../allocation/directoryData';
import { useStep } from '../case/useStep';
import { ukDay } from '../case/whenText';
import { type EmailAttachment, emlToRequest } from './emlToRequest';
import {
  CHANNEL_LABELS,
  checkRequestForm,
  type FieldErrors,
  loggedPayload,
  type RequestForm,
} from './requestForm';

type Draft = Omit<RequestForm, 'policyAreaId' | 'thirdParties'> & {
  policyAreaId: string;
  thirdParties: string[];
};
type Linked = { caseId: string; reference: string };
type Kept = { file: Blob; name: string; mime: string };

const TYPE_OPTIONS = [
  { value: 'foi', label: 'Freedom of Information (FOI)' },
  { value: 'eir', label: 'Environmental Information Regulations (EIR)' },
  { value: 'foisa', label: 'Freedom of Information (Scotland)' },
] as const;

function RelatedCases({
  linked,
  onChange,
}: {
  linked: readonly Linked[];
  onChange: (linked: Linked[]) => void;
}) {
  const [query, setQuery] = useState('');
  const isSearching = query.trim().length >= 3;
  const { cases } = useCases(
    isSearching ? { text: query.trim(), sort: 'updated' } : { statuses: ['no-such-state'] },
  );
  const matches = cases.filter((c) => !linked.some((l) => l.caseId === c.id)).slice(0, 5);
  return (
    <div className="govuk-form-group">
      <TextField
        label="Related cases (optional)"
        hint="Earlier requests from the same person, or follow-ups. Type part of a reference or subject."
        name="related-search"
        value={query}
        onChange={setQuery}
      />
      {isSearching && matches.length === 0 ? <p className="govuk-body-s">No cases match.</p> : null}
      <ul className="govuk-list">
        {matches.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
              onClick={() =>
                onChange([...linked, { caseId: c.id.replace(/^case:/, ''), reference: c.reference }])
              }
            >
              Link {c.reference}
            </button>{' '}
            {c.subject}
          </li>
        ))}
      </ul>
      {linked.length > 0 ? (
        <ul className="govuk-list" data-testid="linked-cases">
          {linked.map((l) => (
            <li key={l.caseId}>
              Linked to {l.reference}{' '}
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-1"
                onClick={() => onChange(linked.filter((x) => x.caseId !== l.caseId))}
              >
                Remove<span className="govuk-visually-hidden"> link to {l.reference}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function LogRequestPage() {
  const navigate = useNavigate();
  const directory = useDirectoryState();
  const upload = useUploadBlob();
  const [caseId] = useState(() => uuidv7());
  const stream = caseStream(caseId as CaseId);
  const { run, problem } = useStep(stream);
  const today = ukDay(new Date());
  const [form, setForm] = useState<Draft>({
    caseType: 'foi',
    requesterName: '',
    contact: '',
    receivedOn: today,
    channel: 'email',
    requestText: '',
    subject: '',
    policyAreaId: '',
    thirdParties: [],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [kept, setKept] = useState<Kept[]>([]);
  const [linked, setLinked] = useState<Linked[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  const subjects = useMemo(
    () => [...directory.policyAreas].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    [directory.policyAreas],
  );

  const importEml = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = await emlToRequest(await file.arrayBuffer());
    if (!result.ok) {
      // Nothing typed so far is touched: the person keeps their work and hears why.
      setImportProblem(`${file.name}: ${result.message}`);
      return;
    }
    setImportProblem(null);
    setImported(
      `Filled in from ${file.name}${result.emailSubject ? ` (“${result.emailSubject}”)` : ''}. Check each field.`,
    );
    setForm((f) => ({ ...f, ...result.prefill }));
    setKept([
      { file, name: file.name, mime: 'message/rfc822' },
      ...result.attachments.map((a: EmailAttachment) => ({
        file: new Blob([a.content], { type: a.mimeType }),
        name: a.filename,
        mime: a.mimeType,
      })),
    ]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const area = directory.policyAreas.find((a) => a.policyAreaId === form.policyAreaId);
    const checked = checkRequestForm(
      { ...form, subject: area?.name ?? form.subject, policyAreaId: area?.policyAreaId },
      today,
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setIsSaving(true);
    try {
      if (!(await run('case.logged', loggedPayload(checked.value, caseId)))) return;
      for (const link of linked) {
        await run('case.linked', { caseId: link.caseId, relation: 'related', reference: link.reference });
      }
      for (const item of kept) {
        const { sha256, size } = await upload(item.file, item.name);
        await run('document.added', {
          sha256,
          name: item.name,
          size,
          mime: item.mime || 'application/octet-stream',
          kind: 'request',
        });
      }
      navigate(`/cases/${caseId}`);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h1 className="govuk-heading-l">Log a request</h1>
        <ErrorSummary errors={errors} />
        <ProblemBanner message={importProblem ?? problem} />
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="import-eml">
            Import the request e-mail (optional)
          </label>
          <div className="govuk-hint" id="import-eml-hint">
            Save the e-mail from your mail program as an .eml file. It fills in the form and is kept on the
            case with its attachments.
          </div>
          <input
            className="govuk-file-upload"
            id="import-eml"
            type="file"
            accept=".eml,message/rfc822"
            aria-describedby="import-eml-hint"
            onChange={importEml}
          />
        </div>
        {imported ? (
          <div className="govuk-inset-text" data-testid="eml-imported">
            {imported}
          </div>
        ) : null}
        <form onSubmit={submit} noValidate>
          <Radios
            legend="Kind of request"
            name="caseType"
            value={form.caseType}
            onChange={(v) => set('caseType')(v as Draft['caseType'])}
            options={TYPE_OPTIONS}
          />
          <TextField
            label="Requester"
            name="requesterName"
            value={form.requesterName}
            onChange={set('requesterName')}
            error={errors.requesterName}
            autoComplete="off"
          />
          <TextField
            label="Email address or postal address"
            name="contact"
            value={form.contact}
            onChange={set('contact')}
            error={errors.contact}
            autoComplete="off"
          />
          <NameList
            label="Other people named (optional)"
            hint="Third parties the request or its papers name, such as a member of staff or a neighbour. Their names are suggested for redaction when the response is reviewed."
            name="thirdParties"
            names={form.thirdParties}
            onChange={set('thirdParties')}
            max={MAX_THIRD_PARTIES}
            addLabel="Add name"
          />
          <DateField
            label="Date received"
            hint="The clock starts from this day."
            name="receivedOn"
            value={form.receivedOn}
            onChange={set('receivedOn')}
            error={errors.receivedOn}
          />
          <Radios
            legend="How it arrived"
            name="channel"
            value={form.channel}
            onChange={(v) => set('channel')(v as Draft['channel'])}
            error={errors.channel}
            options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
            isInline
          />
          {subjects.length > 0 ? (
            <SelectField
              label="Subject"
              hint="The policy areas in the directory, kept up to date by the administrator."
              name="subject"
              value={form.policyAreaId}
              onChange={set('policyAreaId')}
              error={errors.subject}
              options={[
                { value: '', label: 'Choose a subject' },
                ...subjects.map((a) => ({ value: a.policyAreaId, label: a.name })),
              ]}
            />
          ) : (
            <TextField
              label="Subject"
              hint="The directory has no policy areas yet."
              name="subject"
              value={form.subject}
              onChange={set('subject')}
              error={errors.subject}
            />
          )}
          <TextArea
            label="What they asked for"
            name="requestText"
            value={form.requestText}
            onChange={set('requestText')}
            error={errors.requestText}
            rows={8}
          />
          <RelatedCases linked={linked} onChange={setLinked} />
          {kept.length > 0 ? (
            <p className="govuk-body-s">Will be kept on the case: {kept.map((k) => k.name).join(', ')}</p>
          ) : null}
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={isSaving}>
            Log request
          </button>
        </form>
      </div>
    </div>
  );
}
