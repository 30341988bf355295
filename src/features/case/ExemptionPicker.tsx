// Checkboxes for the exemptions a response relies on (shared by sending and closing).
import { FOI_EXEMPTIONS } from '../closing/exemptions';

export function ExemptionPicker({
  name,
  chosen,
  onChange,
}: {
  name: string;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          Exemptions relied on (if any)
        </legend>
        <div className="govuk-checkboxes govuk-checkboxes--small app-exemptions">
          {FOI_EXEMPTIONS.map((e) => {
            const id = `${name}-${e.section.replace(/[()]/g, '')}`;
            return (
              <div className="govuk-checkboxes__item" key={e.section}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  type="checkbox"
                  checked={chosen.includes(e.section)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked ? [...chosen, e.section] : chosen.filter((s) => s !== e.section),
                    )
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {e.section}: {e.title}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
