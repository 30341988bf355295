// Writing a new comment, pinned to a point on a page or to the text selected.
import { type FormEvent, useEffect, useState } from 'react';
import { TextArea } from '../../ui/fields';
import type { CommentAnchor } from './newMarks';

export function CommentComposer(props: {
  anchor: CommentAnchor;
  onSave(text: string): Promise<boolean>;
  onCancel(): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The field takes focus so the person can type at once after tapping the page.
  useEffect(() => document.getElementById('field-review-comment')?.focus(), []);
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
      <TextArea
        label="Comment"
        name="review-comment"
        rows={3}
        value={text}
        error={error ?? undefined}
        onChange={setText}
      />
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
