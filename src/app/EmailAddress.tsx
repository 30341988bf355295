// The person's e-mail address on the Account page: the weekly list of cases waiting for them
// (the chase digest) goes there. Shown from the server; changing it needs a connection.
import { type FormEvent, useState } from 'react';
import { ApiError, emailAddressSchema } from '../data';
import { ErrorSummary, ProblemBanner, TextField } from '../ui/fields';
import { useMe, useSetEmail } from './accountQueries';

/** Why a save failed, in words for the person. */
function problemOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 404)
    return 'This server cannot store e-mail addresses yet. Ask your administrator.';
  return error instanceof Error ? error.message : 'Your e-mail address could not be saved.';
}

export function EmailAddress() {
  const me = useMe();
  const save = useSetEmail();
  const [isEditing, setIsEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const current = me.data?.email ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    const parsed = typed === '' ? null : emailAddressSchema.safeParse(typed);
    if (parsed && !parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter an e-mail address');
      return;
    }
    setError(undefined);
    save.mutate(parsed ? parsed.data : null, { onSuccess: () => setIsEditing(false) });
  };

  return (
    <section aria-labelledby="email-heading" data-testid="email-address">
      <h2 className="govuk-heading-m" id="email-heading">
        Your e-mail address
      </h2>
      <p className="govuk-body">
        Every Monday morning we send you a list of the cases waiting for you, soonest due first.
      </p>
      {me.isError ? (
        <p className="govuk-body">Your e-mail address can be seen and changed when this device is online.</p>
      ) : null}
      {me.data && !isEditing ? (
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">E-mail address</dt>
            <dd className="govuk-summary-list__value" data-testid="email-current">
              {current ?? 'Not set'}
            </dd>
            <dd className="govuk-summary-list__actions">
              <button
                type="button"
                className="govuk-link app-link-button"
                onClick={() => {
                  setValue(current ?? '');
                  setIsEditing(true);
                }}
              >
                {current ? 'Change' : 'Add'}
                <span className="govuk-visually-hidden"> e-mail address</span>
              </button>
            </dd>
          </div>
        </dl>
      ) : null}
      {isEditing ? (
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={{ email: error }} />
          <ProblemBanner message={save.isError ? problemOf(save.error) : null} />
          <TextField
            label="E-mail address"
            hint="Your work address. Leave it empty to stop the weekly e-mail."
            name="email"
            type="email"
            autoComplete="email"
            value={value}
            error={error}
            onChange={setValue}
          />
          <div className="govuk-button-group">
            <button
              type="submit"
              className="govuk-button"
              data-module="govuk-button"
              disabled={save.isPending}
            >
              Save e-mail address
            </button>
            <button type="button" className="govuk-link app-link-button" onClick={() => setIsEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
