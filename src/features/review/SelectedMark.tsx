// The mark picked on the page or in the list: what it is, who made it, its history; for a
// comment the thread of replies, "Reply" and "Resolve"; anyone may change or delete a mark
// (each change is an event with their name on it).
import { type FormEvent, useState } from 'react';
import type { Mark } from '../../domain';
import { TextArea } from '../../ui/fields';
import { instantText } from '../case/whenText';
import { repliesTo } from './markGroups';
import { historyLines, markKindWords, markStatusWords } from './markWords';

export type MarkActions = {
  reply(parent: Mark, text: string): Promise<boolean>;
  resolve(mark: Mark): Promise<boolean>;
  changeText(mark: Mark, text: string): Promise<boolean>;
  remove(mark: Mark): Promise<boolean>;
  close(): void;
};

export function SelectedMark(props: {
  mark: Mark;
  marks: readonly Mark[];
  nameOf(userId: string): string;
  actions: MarkActions;
}) {
  const { mark, nameOf, actions } = props;
  const [replyText, setReplyText] = useState('');
  const [isChanging, setIsChanging] = useState(false);
  const [text, setText] = useState(mark.text ?? '');
  const isComment = mark.kind === 'annotation' && (mark.subtype === 'comment' || mark.subtype === 'note');
  const replies = isComment ? repliesTo(props.marks, mark.id) : [];
  const status = markStatusWords(mark);

  const sendReply = async (event: FormEvent) => {
    event.preventDefault();
    if (replyText.trim() !== '' && (await actions.reply(mark, replyText))) setReplyText('');
  };
  const saveText = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '' && (await actions.changeText(mark, text.trim()))) setIsChanging(false);
  };

  return (
    <section
      className="review-tool__panel"
      aria-labelledby="selected-mark-heading"
      data-testid="selected-mark"
    >
      <h2 className="govuk-heading-s" id="selected-mark-heading">
        {markKindWords(mark)} on page {mark.page}
        {status ? <strong className="govuk-tag govuk-tag--grey review-tool__tag">{status}</strong> : null}
      </h2>
      <p className="govuk-body-s">
        By {nameOf(mark.author)}, {instantText(mark.madeAt)}
      </p>
      {isComment && !isChanging ? <p className="govuk-body review-tool__comment-text">{mark.text}</p> : null}
      {mark.kind === 'redaction' && mark.text ? (
        <p className="govuk-body-s">
          Covers: <q>{mark.text}</q>
        </p>
      ) : null}
      {mark.kind === 'redaction' && mark.note ? <p className="govuk-body-s">Note: {mark.note}</p> : null}
      {mark.rejectionReason ? (
        <p className="govuk-body-s">Why it was rejected: {mark.rejectionReason}</p>
      ) : null}
      {isChanging ? (
        <form onSubmit={saveText}>
          <TextArea label="Comment" name="review-change-comment" rows={3} value={text} onChange={setText} />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Save comment
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => setIsChanging(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {replies.length > 0 ? (
        <ol className="review-tool__replies" aria-label="Replies">
          {replies.map((r) => (
            <li key={r.id} className="review-tool__reply">
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{nameOf(r.author)}</strong>, {instantText(r.madeAt)}
              </p>
              <p className="govuk-body govuk-!-margin-bottom-2">{r.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {isComment && mark.status === 'open' ? (
        <form onSubmit={sendReply}>
          <TextArea
            label="Your reply"
            name="review-reply"
            rows={2}
            value={replyText}
            onChange={setReplyText}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Reply
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => void actions.resolve(mark)}
            >
              Resolve
            </button>
          </div>
        </form>
      ) : null}
      <details className="govuk-details review-tool__history">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">History</span>
        </summary>
        <ul className="govuk-list govuk-list--bullet govuk-body-s">
          {historyLines(mark, nameOf).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: history only grows at the end.
            <li key={i}>
              {line.text}, {instantText(line.at)}
            </li>
          ))}
        </ul>
      </details>
      <div className="govuk-button-group">
        {isComment && !isChanging && mark.status === 'open' ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              setText(mark.text ?? '');
              setIsChanging(true);
            }}
          >
            Change comment
          </button>
        ) : null}
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          onClick={() => void actions.remove(mark)}
        >
          Delete
          <span className="govuk-visually-hidden">
            : {markKindWords(mark)} on page {mark.page}
          </span>
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={actions.close}>
          Close
        </button>
      </div>
    </section>
  );
}
