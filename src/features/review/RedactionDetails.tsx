// The exemption and note of a redaction: for the next redactions made (the exemption is
// remembered on this device), or, when a redaction is selected, for that one (a change is an
// edit event, so the history keeps both versions and a decided redaction goes back for agreement).
import { useEffect, useState } from 'react';
import type { Exemption, Mark } from '../../domain';
import { SelectField, TextArea } from '../../ui/fields';
import { exemptionWords } from './markWords';

export function RedactionDetails(props: {
  exemptions: readonly Exemption[];
  exemption: string;
  note: string;
  selected: Mark | null;
  onDefaultsChange(next: { exemption: string; note: string }): void;
  onEdit(change: { exemption?: string; note?: string }): void;
}) {
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
      <SelectField
        label="Exemption"
        hint={
          selected
            ? 'Changing it sends the redaction back for agreement.'
            : 'Used for every redaction you make next.'
        }
        name="review-exemption"
        value={exemption}
        options={options.map((e) => ({ value: e.code, label: exemptionWords(e.code) }))}
        onChange={(code) => {
          if (selected) props.onEdit({ exemption: code });
          else props.onDefaultsChange({ exemption: code, note });
        }}
      />
      <TextArea
        label="Note (optional)"
        name="review-note"
        rows={2}
        value={note}
        maxLength={2000}
        onChange={(value) => {
          setNote(value);
          // The defaults follow every keystroke (nothing is sent for them), so a box drawn
          // straight after typing, with no blur in between, still gets the note.
          if (!selected) props.onDefaultsChange({ exemption, note: value });
        }}
        onBlur={saveNote}
      />
    </div>
  );
}
