// Writing a new comment, pinned to a point on a page or to the text selected.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CommentAnchor } from './newMarks';

export function CommentComposer(props: {
  anchor: CommentAnchor;
  onSave(text: string): Promise<boolean>;
  onCancel(): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Enter your comment');
      return;
    }
    if (await props.onSave(text)) setText('');
  };
  return (
    <form className="review-tool__panel" onSubmit={submit} data-testid="comment-composer">
      <h2 className="govuk-heading-s">New comment on page {props.anchor.page}</h2>
      {props.anchor.quote ? (
        <blockquote className="govuk-inset-text review-tool__quote">{props.anchor.quote}</blockquote>
      ) : null}
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="review-comment">
          Comment
        </label>
        {error ? (
          <p className="govuk-error-message" id="review-comment-error">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <textarea
          ref={field}
          className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
          id="review-comment"
          rows={3}
          value={text}
          aria-describedby={error ? 'review-comment-error' : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Save comment
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
