// GOV.UK Design System form pieces used by the journey's forms: each field shows its own error
// next to it, and an error summary at the top links to the field (GOV.UK error pattern).
import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';

type FieldProps = { label: string; hint?: string; error?: string | undefined; name: string };

function FieldShell({
  label,
  hint,
  error,
  id,
  children,
  isLabelPage,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  id: string;
  children: ReactNode;
  isLabelPage?: boolean;
}) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${isLabelPage ? ' govuk-label--m' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const parts = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function TextField({
  label,
  hint,
  error,
  name,
  value,
  onChange,
  type = 'text',
  autoComplete,
}: FieldProps & { value: string; onChange: (value: string) => void; type?: string; autoComplete?: string }) {
  const id = `field-${name}`;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id}>
      <input
        className={`govuk-input${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export function TextArea({
  label,
  hint,
  error,
  name,
  value,
  onChange,
  rows = 5,
  maxLength,
  onBlur,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
  /** For a field saved when the person leaves it. */
  onBlur?: () => void;
}) {
  const id = `field-${name}`;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id}>
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={name}
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  name,
  value,
  onChange,
  options,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  const id = `field-${name}`;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id}>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={name}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A date as one field (the tablet's date picker); the value is `YYYY-MM-DD`. */
export function DateField({
  label,
  hint,
  error,
  name,
  value,
  onChange,
}: FieldProps & { value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      name={name}
      value={value}
      onChange={onChange}
      type="date"
    />
  );
}

export function Radios({
  legend,
  error,
  name,
  value,
  onChange,
  options,
  isInline,
}: {
  legend: string;
  error?: string | undefined;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string; hint?: string }[];
  isInline?: boolean;
}) {
  const groupId = useId();
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" id={`field-${name}`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {error ? (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className={`govuk-radios govuk-radios--small${isInline ? ' govuk-radios--inline' : ''}`}>
          {options.map((option) => {
            const id = `${groupId}-${option.value}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? <div className="govuk-hint govuk-radios__hint">{option.hint}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({
  label,
  hint,
  name,
  isChecked,
  onChange,
}: {
  label: string;
  hint?: string;
  name: string;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  const id = `field-${name}`;
  const hintId = `${id}-hint`;
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={name}
            type="checkbox"
            checked={isChecked}
            aria-describedby={hint ? hintId : undefined}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** GOV.UK error summary: each message links to its field. */
export function ErrorSummary({ errors }: { errors: Readonly<Record<string, string | undefined>> }) {
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a href={`#field-${field}`}>{message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A plain error for the whole form (a refused step, a file that could not be read). */
export function ProblemBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}

/** A list of names with the one typed added: trimmed, once each whatever its case, at most `max`. */
export function withName(
  names: readonly string[],
  typed: string,
  max: number,
): { ok: true; names: string[] } | { ok: false; error: string } {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, error: 'Enter a name to add' };
  const lower = name.toLocaleLowerCase('en-GB');
  if (names.some((n) => n.toLocaleLowerCase('en-GB') === lower))
    return { ok: false, error: `${name} is already on the list` };
  if (names.length >= max) return { ok: false, error: `The list can hold ${max} names at most` };
  return { ok: true, names: [...names, name] };
}

/** Whether typed text names someone not yet on the list: sending the form then would lose them.
 * A blank box, or a name already there, loses nothing. */
export function isNameLeftOut(names: readonly string[], typed: string): boolean {
  const name = typed.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return name !== '' && !names.some((n) => n.toLocaleLowerCase('en-GB') === name);
}

/** Names added one at a time (typed, then Add or Enter) and each removable: a short list such
 * as the third parties named on a case. */
export function NameList({
  label,
  hint,
  name,
  names,
  onChange,
  max,
  addLabel = 'Add',
}: {
  label: string;
  hint?: string;
  name: string;
  names: readonly string[];
  onChange: (names: string[]) => void;
  max: number;
  addLabel?: string;
}) {
  const id = `field-${name}`;
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const pending = useRef({ names, typed });
  pending.current = { names, typed };
  // A name typed but not added would be lost without a word when the form is sent: the form
  // waits until it is added or cleared. Listening on the form itself stops the submit before
  // React's handler (at the root) sees it, whichever form this list sits in.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      if (!isNameLeftOut(pending.current.names, pending.current.typed)) return;
      event.preventDefault();
      event.stopPropagation();
      setError('Add the name or clear it');
      input.current?.focus();
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, []);
  const add = () => {
    const next = withName(names, typed, max);
    if (!next.ok) {
      setError(next.error);
      return;
    }
    setError(undefined);
    setTyped('');
    onChange(next.names);
  };
  return (
    <FieldShell label={label} hint={hint} error={error} id={id}>
      <div className="app-name-list__add">
        <input
          ref={input}
          className={`govuk-input govuk-!-width-two-thirds${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={name}
          type="text"
          value={typed}
          autoComplete="off"
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => {
            setTyped(e.target.value);
            // Cleared: nothing is waiting to be added any more.
            if (e.target.value.trim() === '') setError(undefined);
          }}
          onKeyDown={(e) => {
            // Enter adds the name rather than sending the whole form.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
        />{' '}
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={add}
        >
          {addLabel}
        </button>
      </div>
      {names.length > 0 ? (
        <ul className="govuk-list app-name-list" aria-label={label}>
          {names.map((n) => (
            <li key={n}>
              {n}{' '}
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-1"
                onClick={() => onChange(names.filter((x) => x !== n))}
              >
                Remove<span className="govuk-visually-hidden"> {n}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </FieldShell>
  );
}

/**
 * The chosen values after one box changes: in the options' order, and keeping any chosen value
 * that is not among the options (a team this device's directory does not list yet), so saving
 * never drops what the form did not show.
 */
export function toggled(
  options: readonly { value: string }[],
  values: readonly string[],
  value: string,
  isChecked: boolean,
): string[] {
  if (!isChecked) return values.filter((v) => v !== value);
  const chosen = new Set([...values, value]);
  const listed = options.map((o) => o.value).filter((v) => chosen.has(v));
  return [...listed, ...[...chosen].filter((v) => !listed.includes(v))];
}

/** GOV.UK checkboxes: choose any of several (a person's roles, their teams). */
export function Checkboxes({
  legend,
  hint,
  error,
  name,
  values,
  onChange,
  options,
}: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  name: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  options: readonly { value: string; label: string }[];
}) {
  const groupId = useId();
  const toggle = (value: string, isChecked: boolean) => onChange(toggled(options, values, value, isChecked));
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        id={`field-${name}`}
        aria-describedby={describedBy(`field-${name}`, hint, error)}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="govuk-hint" id={`field-${name}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="govuk-error-message" id={`field-${name}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {options.map((option) => {
            const id = `${groupId}-${option.value}`;
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  checked={values.includes(option.value)}
                  onChange={(e) => toggle(option.value, e.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
