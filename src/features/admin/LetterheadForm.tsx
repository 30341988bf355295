// The administrator sets the organisation's name, address and internal-review contact printed
// on every response letter. Saved through the template library's own event (./letterhead.ts).
import { useState } from 'react';
import type { StreamId } from '../../domain';
import { TextArea, TextField } from '../../ui/fields';
import { StepForm } from '../case/StepForm';
import { useStep } from '../case/useStep';
import { useTemplateEntries } from '../drafting/templateData';
import { DEMO_LETTERHEAD, letterheadFrom, letterheadPayload, letterheadSchema } from '../sending/letterhead';

const TEMPLATES_STREAM = 'org:templates' as StreamId;

export function LetterheadForm({ onSaved }: { onSaved: () => void }) {
  const set = letterheadFrom(useTemplateEntries().templates);
  const current = set ?? DEMO_LETTERHEAD;
  const { run, problem, isSending } = useStep(TEMPLATES_STREAM);
  const [name, setName] = useState(current.name);
  const [address, setAddress] = useState(current.addressLines.join('\n'));
  const [reviewContact, setReviewContact] = useState(current.reviewContact);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="letterhead-heading" data-testid="letterhead">
      <h2 className="govuk-heading-m" id="letterhead-heading">
        Letterhead on response letters
      </h2>
      <p className="govuk-body">
        {set
          ? 'Every response letter carries these details.'
          : 'Not set yet: letters carry example details until you save your own.'}
      </p>
      <StepForm
        title="Your organisation"
        submitLabel="Save letterhead"
        problem={error ?? problem}
        isSending={isSending}
        testId="letterhead-form"
        onSubmit={async () => {
          const letterhead = letterheadSchema.safeParse({
            name,
            addressLines: address.split('\n').filter((line) => line.trim() !== ''),
            reviewContact,
          });
          if (!letterhead.success) {
            setError(letterhead.error.issues[0]?.message ?? 'Check the letterhead.');
            return;
          }
          setError(null);
          if (await run('template.saved', letterheadPayload(letterhead.data))) onSaved();
        }}
      >
        <TextField
          label="Organisation"
          hint="Its full name, as letters should show it."
          name="letterhead-name"
          value={name}
          onChange={setName}
        />
        <TextArea
          label="Address"
          hint="One line at a time, with the e-mail address requests come to."
          name="letterhead-address"
          value={address}
          onChange={setAddress}
          rows={4}
        />
        <TextArea
          label="For an internal review, write to"
          hint="Printed in the paragraph on the right to an internal review."
          name="letterhead-review-contact"
          value={reviewContact}
          onChange={setReviewContact}
          rows={2}
        />
      </StepForm>
    </section>
  );
}
