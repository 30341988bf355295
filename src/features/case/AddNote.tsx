// "Add a note" on a case page: a file note ("Rang the requester to clarify the date range") sent
// as `note.added` through the outbox like every other step, so it works offline and shows at
// once in the timeline as not sent yet. Offered whenever the workflow allows the person a note
// (every state, every role, today). The limit is the domain's own: the payload schema's
// maximum, counted as it counts (characters of the trimmed text), so the form never accepts a
// note the server would refuse nor refuses one it would take.
// After adding, focus moves to the success message just above the form, not to the new
// timeline entry: the timeline is at the foot of the page, below every other step, so jumping
// there loses the person's place; the message is where they are, says where the note went, and
// leaves them one Tab from the box to add another.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { noteAddedSchema } from '../../domain';
import { ErrorSummary, ProblemBanner } from '../../ui/fields';
import { useCaseContext } from './caseContext';
import { useStep } from './useStep';

/** Most characters a note may have: the payload schema's own limit (100,000 today). */
export const NOTE_MAX_LENGTH: number = noteAddedSchema.shape.text.maxLength ?? Number.POSITIVE_INFINITY;
/** Share of the limit used before the count shows (GOV.UK character count `threshold`): most
 * notes are a line or two, so a count from the first keystroke would be noise. */
export const COUNT_THRESHOLD = 0.75;
/** Pause in typing before a screen reader hears the count, as GOV.UK's component waits, so it
 * is not read out at every keystroke. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

const FIELD = 'note';
const FIELD_ID = `field-${FIELD}`;

const count = (n: number) => n.toLocaleString('en-GB');

/** What is wrong with a note as typed, in GOV.UK's words, or null when it can be added. */
export function noteProblem(typed: string, max = NOTE_MAX_LENGTH): string | null {
  const text = typed.trim();
  if (text === '') return 'Enter a note';
  if (text.length > max) return `Note must be ${count(max)} characters or fewer`;
  return null;
}

/** The character count's words ("You have 12 characters remaining", "…1 character too many"). */
export function charactersLeftText(typed: string, max = NOTE_MAX_LENGTH): string {
  const left = max - typed.trim().length;
  const n = Math.abs(left);
  const characters = n === 1 ? 'character' : 'characters';
  return left < 0
    ? `You have ${count(n)} ${characters} too many`
    : `You have ${count(n)} ${characters} remaining`;
}

/** Whether the count is worth showing yet (GOV.UK's threshold): near or over the limit. */
export function isNearLimit(typed: string, max = NOTE_MAX_LENGTH): boolean {
  return typed.trim().length >= max * COUNT_THRESHOLD;
}

/** Said once a note is added. The device cannot know at that moment whether it is offline (it
 * learns that when a request fails), so the words hold either way; the timeline entry shows
 * "Not sent yet" until the note reaches the server. */
export const ADDED_TEXT =
  'Note added. It is at the top of the timeline. If this device is offline, it will be sent when it is back online.';

/** The count a screen reader hears: the visible one, once typing has paused. */
function useAnnouncedCount(text: string): string {
  const [announced, setAnnounced] = useState(() => charactersLeftText(text));
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(charactersLeftText(text)), COUNT_ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return announced;
}

/** A GOV.UK textarea with a character count (the component's markup, driven by React). */
function NoteField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}) {
  const isOver = value.trim().length > NOTE_MAX_LENGTH;
  const isShown = isNearLimit(value);
  const announced = useAnnouncedCount(value);
  const describedBy = [`${FIELD_ID}-info`, `${FIELD_ID}-hint`, error ? `${FIELD_ID}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`}
      data-maxlength={NOTE_MAX_LENGTH}
    >
      <label className="govuk-label govuk-label--s" htmlFor={FIELD_ID}>
        Note
      </label>
      <div className="govuk-hint" id={`${FIELD_ID}-hint`}>
        For example, a phone call with the requester or a chase to another team. Everyone who can see this
        case can read its notes. A note becomes part of the case’s record and cannot be changed or removed.
      </div>
      {error ? (
        <p className="govuk-error-message" id={`${FIELD_ID}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        className={`govuk-textarea govuk-js-character-count${error || isOver ? ' govuk-textarea--error' : ''}`}
        id={FIELD_ID}
        name={FIELD}
        rows={5}
        value={value}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <div
        className="govuk-hint govuk-character-count__message govuk-visually-hidden"
        id={`${FIELD_ID}-info`}
      >
        You can enter up to {count(NOTE_MAX_LENGTH)} characters
      </div>
      <div
        className={`govuk-character-count__message govuk-character-count__status ${isOver ? 'govuk-error-message' : 'govuk-hint'}${isShown ? '' : ' govuk-character-count__message--disabled'}`}
        aria-hidden="true"
      >
        {charactersLeftText(value)}
      </div>
      <div
        className="govuk-character-count__sr-status govuk-visually-hidden"
        aria-live="polite"
        aria-hidden={isShown ? undefined : true}
      >
        {announced}
      </div>
    </div>
  );
}

/** The form, offered only when the workflow lets this person add a note to the case now. */
export function AddNote() {
  const { allowed } = useCaseContext();
  return allowed.has('note.added') ? <NoteForm /> : null;
}

function NoteForm() {
  const { stream } = useCaseContext();
  const { run, problem, isSending } = useStep(stream);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [addedCount, setAddedCount] = useState(0);
  const statusRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [errorCount, setErrorCount] = useState(0);

  // Focus follows the outcome: the success message after adding, the error summary after a
  // problem (GOV.UK's pattern), each time, not only the first.
  useEffect(() => {
    if (addedCount > 0) statusRef.current?.focus();
  }, [addedCount]);
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.querySelector<HTMLElement>('.govuk-error-summary')?.focus();
  }, [errorCount]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = noteProblem(text);
    setError(found);
    if (found) {
      setAddedCount(0);
      setErrorCount((n) => n + 1);
      return;
    }
    if (await run('note.added', { noteId: uuidv7(), text })) {
      setText('');
      setAddedCount((n) => n + 1);
    }
  };

  return (
    <section aria-labelledby="add-note-heading" className="govuk-!-margin-bottom-6" data-testid="add-note">
      <h2 className="govuk-heading-m" id="add-note-heading">
        Add a note
      </h2>
      {/* Always there (empty until a note is added), so screen readers have met the live region
          before it speaks; focus moves to it as well, for people who are not using one. */}
      <div role="status" tabIndex={-1} ref={statusRef} data-testid="note-added">
        {addedCount > 0 ? (
          // A new element for each note added, so the same words are announced again.
          <div className="govuk-inset-text govuk-!-margin-top-0" key={addedCount}>
            {ADDED_TEXT}
          </div>
        ) : null}
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div ref={summaryRef}>
          <ErrorSummary errors={{ [FIELD]: error ?? undefined }} />
        </div>
        <ProblemBanner message={problem} />
        <NoteField value={text} onChange={setText} error={error} />
        <button
          type="submit"
          className="govuk-button"
          data-module="govuk-button"
          disabled={isSending}
          aria-disabled={isSending}
        >
          Add note
        </button>
      </form>
    </section>
  );
}
