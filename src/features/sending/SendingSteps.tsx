// Sending the response: build the letter as a PDF from the approved draft (letterhead,
// reference, dates, the answer, exemptions and the requester's rights), keep it in the case as a
// document, and record how and when it went. Works offline: the PDF is built on the device and
// uploaded when the connection returns.
import { useState } from 'react';
import { useUploadBlob } from '../../data';
import { exemptionsFromReleaseCopies, exemptionTitle, lawOf } from '../../domain';
import type { CaseState } from '../../domain/caseState';
import { buildResponseLetter, type LetterOutcome } from '../../pdf/letter/responseLetter';
import { DateField, Radios } from '../../ui/fields';
import { useCaseContext } from '../case/caseContext';
import { ExemptionPicker } from '../case/ExemptionPicker';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { useTemplateEntries } from '../drafting/templateData';
import { DEMO_LETTERHEAD, type Letterhead, letterheadFrom } from './letterhead';

const METHODS = [
  { value: 'email', label: 'Email' },
  { value: 'post', label: 'Post' },
  { value: 'portal', label: 'Online portal' },
  { value: 'hand', label: 'By hand' },
  { value: 'other', label: 'Another way' },
] as const;
type Method = (typeof METHODS)[number]['value'];

const OUTCOMES = [
  { value: 'granted_in_full', label: 'Information given in full' },
  { value: 'granted_in_part', label: 'Information given in part' },
  { value: 'refused', label: 'Information withheld' },
  { value: 'not_held', label: 'Information not held' },
] as const satisfies readonly { value: LetterOutcome; label: string }[];

function letterFor(
  letterhead: Letterhead,
  state: CaseState,
  signer: string,
  outcome: LetterOutcome,
  exemptions: string[],
  letterDate: string,
) {
  const draft = state.drafts.at(-1);
  return buildResponseLetter({
    organisation: letterhead,
    reference: state.reference,
    requesterName: state.requester.name,
    requesterContact: [state.requester.email ?? state.requester.address ?? ''].filter(Boolean),
    letterDate,
    receivedOn: state.receivedOn,
    requestText: state.requestText,
    outcome,
    answer: draft?.parts.map((p) => p.text).join('\n\n') || 'See the information attached.',
    exemptions: exemptions.map((section) => ({
      section,
      title: exemptionTitle(section),
      law: lawOf(section),
    })),
    signOff: { name: signer, role: 'Information Rights' },
  });
}

export function SendingSteps() {
  const { state, stream, me, today, allowed } = useCaseContext();
  const letterhead = letterheadFrom(useTemplateEntries().templates) ?? DEMO_LETTERHEAD;
  const upload = useUploadBlob();
  const { run, problem, isSending } = useStep(stream);
  const [method, setMethod] = useState<Method>(state.requester.email ? 'email' : 'post');
  const [sentOn, setSentOn] = useState(today);
  const [outcome, setOutcome] = useState<LetterOutcome>('granted_in_full');
  const [exemptions, setExemptions] = useState<string[]>(() => exemptionsFromReleaseCopies(state));
  const [letterProblem, setLetterProblem] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  if (!allowed.has('response.sent')) return null;

  const makeLetter = async (): Promise<Blob | null> => {
    try {
      const bytes = await letterFor(letterhead, state, me.displayName, outcome, exemptions, sentOn);
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
    } catch (error) {
      setLetterProblem(
        `The letter could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  };

  return (
    <section aria-labelledby="send-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="send-heading">
        Send the response
      </h2>
      <StepForm
        title="Make the letter and record it as sent"
        submitLabel="Make the letter and record it as sent"
        problem={letterProblem ?? problem}
        isSending={isSending}
        testId="step-send"
        onSubmit={async () => {
          const letter = await makeLetter();
          if (!letter) return;
          const name = `${state.reference} response.pdf`;
          const { sha256, size } = await upload(letter, name);
          if (
            !(await run('document.added', { sha256, name, size, mime: 'application/pdf', kind: 'response' }))
          )
            return;
          await run('response.sent', { sentOn, method, exemptions, documentSha: sha256 });
        }}
      >
        <Radios
          legend="Outcome, for the letter"
          name="letter-outcome"
          value={outcome}
          onChange={(v) => setOutcome(v as LetterOutcome)}
          options={OUTCOMES}
        />
        <ExemptionPicker
          name="send-exemption"
          caseType={state.caseType}
          chosen={exemptions}
          onChange={setExemptions}
        />
        <Radios
          legend="How it is sent"
          name="send-method"
          value={method}
          onChange={(v) => setMethod(v as Method)}
          options={METHODS}
          isInline
        />
        <DateField label="Date sent" name="send-date" value={sentOn} onChange={setSentOn} />
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={async () => {
              const letter = await makeLetter();
              if (!letter) return;
              if (previewUrl) URL.revokeObjectURL(previewUrl);
              setPreviewUrl(URL.createObjectURL(letter));
            }}
          >
            Preview the letter
          </button>{' '}
          {previewUrl ? (
            <a
              className="govuk-link"
              href={previewUrl}
              target="_blank"
              rel="noreferrer"
              data-testid="letter-preview"
            >
              Open the preview (PDF)
            </a>
          ) : null}
        </p>
      </StepForm>
    </section>
  );
}
