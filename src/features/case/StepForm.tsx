// The frame every step on a case page shares: a heading, the fields, one button, and the
// problem (if any) in plain words above it. Steps are saved on this device first.
import type { FormEvent, ReactNode } from 'react';

export function StepForm({
  title,
  submitLabel,
  onSubmit,
  problem,
  isSending,
  children,
  isSecondary,
  testId,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => unknown;
  problem: string | null;
  isSending: boolean;
  children?: ReactNode;
  isSecondary?: boolean;
  testId?: string;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form className="app-step govuk-!-margin-bottom-6" onSubmit={submit} noValidate data-testid={testId}>
      <h3 className="govuk-heading-s">{title}</h3>
      {problem ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      ) : null}
      {children}
      <button
        type="submit"
        className={`govuk-button${isSecondary ? ' govuk-button--secondary' : ''}`}
        data-module="govuk-button"
        disabled={isSending}
        aria-disabled={isSending}
      >
        {submitLabel}
      </button>
    </form>
  );
}
