// Zoom buttons and "Go to page" for the viewer's toolbar: big targets, plain words, the zoom
// level read out when it changes.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { MAX_SCALE, MIN_SCALE, percent, zoomIn, zoomOut } from './zoom';
import './review.css';

export type ZoomControlsProps = { scale: number; onScaleChange(s: number): void; fitWidth(): void };

export function ZoomControls({ scale, onScaleChange, fitWidth }: ZoomControlsProps) {
  return (
    <fieldset className="review-zoom">
      <legend className="govuk-visually-hidden">Zoom</legend>
      <button
        type="button"
        className="govuk-button govuk-button--secondary review-zoom__button"
        onClick={() => onScaleChange(zoomOut(scale))}
        disabled={scale <= MIN_SCALE}
        aria-label="Zoom out"
      >
        −
      </button>
      <span className="review-zoom__level" aria-live="polite">
        <span className="govuk-visually-hidden">Zoom </span>
        {percent(scale)}
      </span>
      <button
        type="button"
        className="govuk-button govuk-button--secondary review-zoom__button"
        onClick={() => onScaleChange(zoomIn(scale))}
        disabled={scale >= MAX_SCALE}
        aria-label="Zoom in"
      >
        +
      </button>
      <button
        type="button"
        className="govuk-button govuk-button--secondary review-zoom__fit"
        onClick={fitWidth}
      >
        Fit width
      </button>
    </fieldset>
  );
}

export type PageJumpProps = { page: number; pageCount: number; onJump(page: number): void };

/** "Go to page": a number box that follows the current page and jumps when submitted. */
export function PageJump({ page, pageCount, onJump }: PageJumpProps) {
  const id = useId();
  const [value, setValue] = useState(String(page));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(String(page)), [page]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Number(value);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > pageCount) {
      setError(`Enter a page number from 1 to ${pageCount}`);
      return;
    }
    setError(null);
    onJump(wanted);
  };
  return (
    <form className="review-jump" onSubmit={submit} noValidate>
      <label className="govuk-label review-jump__label" htmlFor={id}>
        Go to page
      </label>
      {error ? (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        id={id}
        className={`govuk-input govuk-input--width-3 review-jump__input${error ? ' govuk-input--error' : ''}`}
        type="text"
        inputMode="numeric"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={error ? `${id}-error ${id}-of` : `${id}-of`}
      />
      <span className="review-jump__of" id={`${id}-of`}>
        of {pageCount}
      </span>
      <button type="submit" className="govuk-button govuk-button--secondary review-jump__go">
        Go
      </button>
    </form>
  );
}
