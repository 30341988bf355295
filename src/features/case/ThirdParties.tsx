// The third parties named on a case, in the request's details: listed for everyone, and changed
// by the case office (a correction of the case's details, so the change is an event on the
// timeline with who made it). The review tool suggests redacting each of their names.
import { useState } from 'react';
import { MAX_THIRD_PARTIES, thirdPartiesOf } from '../../domain';
import { NameList } from '../../ui/fields';
import { useCaseContext } from './caseContext';
import { StepForm } from './StepForm';
import { thirdPartiesChange } from './thirdPartiesChange';
import { useStep } from './useStep';

/** The names, for the details list. */
export function ThirdPartiesNamed() {
  const { state } = useCaseContext();
  const names = thirdPartiesOf(state);
  return <span data-testid="third-parties">{names.length > 0 ? names.join(', ') : 'None named'}</span>;
}

/** Changing the list, for those who may correct the case's details. */
export function ChangeThirdParties() {
  const { state, stream, allowed } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const saved = thirdPartiesOf(state);
  const [names, setNames] = useState<string[] | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  if (!allowed.has('case.details_corrected')) return null;
  const shown = names ?? [...saved];
  return (
    <details
      className="govuk-details"
      open={isOpen}
      onToggle={(e) => {
        const isNowOpen = (e.target as HTMLDetailsElement).open;
        setIsOpen(isNowOpen);
        // A draft left in a closed panel is dropped: saved later, it would undo changes others
        // made meanwhile. Opened again, the panel starts from the case's current names.
        if (!isNowOpen) setNames(null);
      }}
    >
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Change the third parties named</span>
      </summary>
      <div className="govuk-details__text">
        <StepForm
          title="Third parties named on this case"
          submitLabel="Save third parties"
          problem={problem}
          isSending={isSending}
          isSecondary
          testId="step-third-parties"
          onSubmit={async () => {
            const reason = thirdPartiesChange(saved, shown);
            if (reason === null) {
              setIsOpen(false);
              return;
            }
            if (await run('case.details_corrected', { thirdParties: shown, reason })) {
              setNames(null);
              setIsOpen(false);
            }
          }}
        >
          <NameList
            label="Other people named"
            hint="Their names are suggested for redaction when a document of the case is reviewed."
            name="case-third-parties"
            names={shown}
            onChange={setNames}
            max={MAX_THIRD_PARTIES}
            addLabel="Add name"
          />
        </StepForm>
      </div>
    </details>
  );
}
