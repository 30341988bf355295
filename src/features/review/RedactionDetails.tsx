// The exemption and note of a redaction: for the next redactions made (the exemption is
// remembered on this device), or, when a redaction is selected, for that one (a change is an
// edit event, so the history keeps both versions and a decided redaction goes back for agreement).
import { useEffect, useId, useState } from 'react';
import type { Exemption, Mark } from '../../domain';
import { exemptionWords } from './markWords';

export function RedactionDetails(props: {
  exemptions: readonly Exemption[];
  exemption: string;
  note: string;
  selected: Mark | null;
  onDefaultsChange(next: { exemption: string; note: string }): void;
  onEdit(change: { exemption?: string; note?: string }): void;
}) {
  const id = useId();
  const { selected } = props;
  const exemption = selected?.exemption ?? props.exemption;
  const [note, setNote] = useState(selected ? (selected.note ?? '') : props.note);
  // Follow the selected redaction (or the defaults) when it changes under the field.
  // (Keyed on the id and note, not the object: every sync brings new objects for the same marks.)
  const shownNote = selected ? (selected.note ?? '') : props.note;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id says which redaction is shown.
  useEffect(() => setNote(shownNote), [selected?.id, shownNote]);
  const options = props.exemptions.some((e) => e.code === exemption)
    ? props.exemptions
    : [{ code: exemption, title: exemption, regime: 'foia' as const }, ...props.exemptions];

  const saveNote = () => {
    if (selected && note.trim() !== (selected.note ?? '')) props.onEdit({ note: note.trim() });
  };

  return (
    <div className="review-tool__panel" data-testid="redaction-details">
      <h2 className="govuk-heading-s">{selected ? 'Selected redaction' : 'New redactions'}</h2>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={`${id}-exemption`}>
          Exemption
        </label>
        <div className="govuk-hint" id={`${id}-exemption-hint`}>
          {selected
            ? 'Changing it sends the redaction back for agreement.'
            : 'Used for every redaction you make next.'}
        </div>
        <select
          className="govuk-select review-tool__select"
          id={`${id}-exemption`}
          aria-describedby={`${id}-exemption-hint`}
          value={exemption}
          onChange={(event) => {
            const code = event.target.value;
            if (selected) props.onEdit({ exemption: code });
            else props.onDefaultsChange({ exemption: code, note });
          }}
        >
          {options.map((e) => (
            <option key={e.code} value={e.code}>
              {exemptionWords(e.code)}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={`${id}-note`}>
          Note (optional)
        </label>
        <textarea
          className="govuk-textarea"
          id={`${id}-note`}
          rows={2}
          value={note}
          maxLength={2000}
          onChange={(event) => {
            setNote(event.target.value);
            // The defaults follow every keystroke (nothing is sent for them), so a box drawn
            // straight after typing, with no blur in between, still gets the note.
            if (!selected) props.onDefaultsChange({ exemption, note: event.target.value });
          }}
          onBlur={saveNote}
        />
      </div>
    </div>
  );
}
