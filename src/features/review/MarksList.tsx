// The side list "Marks": every mark on the document by page, then by person, each with its
// author, time, status and latest history; "Agree" and "Reject" on proposed redactions and
// "Agree all on page N" for the people who decide (the server checks the same rule).
import { type FormEvent, useState } from 'react';
import type { Mark } from '../../domain';
import { TextArea } from '../../ui/fields';
import { instantText } from '../case/whenText';
import { groupMarks, openRedactionsOn } from './markGroups';
import { historyLines, markKindWords, markStatusWords } from './markWords';

export type DecisionActions = {
  agree(marks: readonly Mark[]): Promise<boolean>;
  reject(mark: Mark, reason: string): Promise<boolean>;
};

const STATUS_TAG: Record<string, string> = {
  Proposed: 'govuk-tag--orange',
  Agreed: 'govuk-tag--green',
  Rejected: 'govuk-tag--grey',
  Resolved: 'govuk-tag--grey',
};

export function MarksList(props: {
  marks: readonly Mark[];
  nameOf(userId: string): string;
  selectedId: string | null;
  canDecide: boolean;
  onSelect(mark: Mark): void;
  decisions: DecisionActions;
}) {
  const { marks, nameOf, canDecide, decisions } = props;
  const groups = groupMarks(marks, nameOf);
  return (
    <section className="review-tool__panel review-marklist" aria-labelledby="marks-heading">
      <h2 className="govuk-heading-m" id="marks-heading">
        Marks
      </h2>
      {groups.length === 0 ? <p className="govuk-body">No marks on this document yet.</p> : null}
      {groups.map((group) => {
        const open = openRedactionsOn(marks, group.page);
        return (
          <section
            key={group.page}
            aria-labelledby={`marks-page-${group.page}`}
            className="review-marklist__page"
          >
            <h3 className="govuk-heading-s" id={`marks-page-${group.page}`}>
              Page {group.page}
            </h3>
            {canDecide && open.length > 0 ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary review-marklist__agree-all"
                onClick={() => void decisions.agree(open)}
              >
                Agree all on page {group.page}
              </button>
            ) : null}
            {group.people.map((person) => (
              <div key={person.author} className="review-marklist__person">
                <h4 className="govuk-heading-s govuk-!-font-size-16 govuk-!-margin-bottom-1">
                  {person.name}
                </h4>
                <ul className="govuk-list review-marklist__marks">
                  {person.marks.map((mark, i) => (
                    <MarkItem
                      key={mark.id}
                      mark={mark}
                      number={i + 1}
                      authorName={person.name}
                      nameOf={nameOf}
                      isSelected={mark.id === props.selectedId}
                      canDecide={canDecide}
                      onSelect={() => props.onSelect(mark)}
                      decisions={decisions}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </section>
  );
}

function MarkItem(props: {
  mark: Mark;
  number: number;
  authorName: string;
  nameOf(userId: string): string;
  isSelected: boolean;
  canDecide: boolean;
  onSelect(): void;
  decisions: DecisionActions;
}) {
  const { mark, nameOf, decisions } = props;
  const [isRejecting, setIsRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const kind = markKindWords(mark);
  const status = markStatusWords(mark);
  const latest = historyLines(mark, nameOf).slice(1).at(-1);
  const context = `${kind.toLowerCase()} ${props.number} by ${props.authorName} on page ${mark.page}`;
  const isOpenRedaction = mark.kind === 'redaction' && mark.status === 'open';

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError('Say why you are rejecting this redaction');
      return;
    }
    if (await decisions.reject(mark, reason.trim())) {
      setIsRejecting(false);
      setReason('');
      setError(null);
    }
  };

  return (
    <li className={`review-marklist__item${props.isSelected ? ' review-marklist__item--selected' : ''}`}>
      <button
        type="button"
        className="review-marklist__show"
        onClick={props.onSelect}
        aria-pressed={props.isSelected}
      >
        <span className="review-marklist__kind">{kind}</span>
        <span className="govuk-visually-hidden"> by </span>
        <span className="review-marklist__author"> {props.authorName}</span>
        {mark.text && mark.kind === 'annotation' ? (
          <span className="review-marklist__text">{mark.text}</span>
        ) : null}
      </button>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {instantText(mark.madeAt)}
        {status ? (
          <>
            {' '}
            <strong className={`govuk-tag ${STATUS_TAG[status] ?? ''} review-tool__tag`}>{status}</strong>
          </>
        ) : null}
      </p>
      {latest ? (
        <p className="govuk-body-s govuk-!-margin-bottom-1 review-marklist__history">{latest.text}</p>
      ) : null}
      {props.canDecide && isOpenRedaction && !isRejecting ? (
        <div className="govuk-button-group review-marklist__decide">
          <button type="button" className="govuk-button" onClick={() => void decisions.agree([mark])}>
            Agree<span className="govuk-visually-hidden"> {context}</span>
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => setIsRejecting(true)}
          >
            Reject<span className="govuk-visually-hidden"> {context}</span>
          </button>
        </div>
      ) : null}
      {isRejecting ? (
        <form onSubmit={reject}>
          <TextArea
            label="Why are you rejecting this redaction?"
            name={`reject-${mark.id}`}
            rows={2}
            value={reason}
            error={error ?? undefined}
            onChange={setReason}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning">
              Reject redaction
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => setIsRejecting(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
