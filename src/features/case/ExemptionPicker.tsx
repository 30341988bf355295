// Checkboxes for the exemptions a response relies on (shared by sending and closing): the law of
// the case's type, plus any already chosen from another (e.g. a release copy's EIR exception).
import { type CaseType, EXEMPTIONS, exemptionTitle, regimesFor } from '../../domain';

export function ExemptionPicker({
  name,
  caseType,
  chosen,
  onChange,
}: {
  name: string;
  caseType: CaseType;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  const [regime] = regimesFor(caseType);
  const listed = EXEMPTIONS.filter((e) => e.regime === regime).map((e) => e.code);
  const codes = [...listed, ...chosen.filter((code) => !listed.includes(code))];
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          Exemptions relied on (if any)
        </legend>
        <div className="govuk-checkboxes govuk-checkboxes--small app-exemptions">
          {codes.map((code) => {
            const id = `${name}-${code.replace(/[^A-Za-z0-9]+/g, '-')}`;
            return (
              <div className="govuk-checkboxes__item" key={code}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  type="checkbox"
                  checked={chosen.includes(code)}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...chosen, code] : chosen.filter((s) => s !== code))
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {code}: {exemptionTitle(code)}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
