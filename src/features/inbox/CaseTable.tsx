// A table of cases for My work and All cases: reference (the case's link), kind, subject,
// state and the deadline in words with its red/amber/green tag. Sortable columns follow the
// MoJ sortable table: the header says how the table is sorted, and a click asks the query.
import { Link } from 'react-router';
import type { CaseListItem } from '../../data';
import { caseTypeShort, statusLabel } from '../case/caseWords';
import { dueSummary, RAG_TAG_CLASS } from './dueSummary';

export type SortKey = 'reference' | 'due' | 'updated';
export type Sort = { key: SortKey; direction: 'asc' | 'desc' };

function SortableHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort | undefined;
  onSort: ((key: SortKey) => void) | undefined;
}) {
  if (!sort || !onSort) {
    return (
      <th scope="col" className="govuk-table__header">
        {label}
      </th>
    );
  }
  const isActive = sort.key === sortKey;
  return (
    <th
      scope="col"
      className="govuk-table__header"
      aria-sort={isActive ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`}>
        {label}
      </button>
    </th>
  );
}

export function CaseTable({
  cases,
  today,
  now,
  caption,
  sort,
  onSort,
}: {
  cases: readonly CaseListItem[];
  today: string;
  now: string;
  caption: string;
  sort?: Sort;
  onSort?: (key: SortKey) => void;
}) {
  return (
    <table
      className="govuk-table app-case-table"
      data-module={sort ? 'moj-sortable-table' : undefined}
      data-testid="case-table"
    >
      <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <SortableHeader label="Reference" sortKey="reference" sort={sort} onSort={onSort} />
          <th scope="col" className="govuk-table__header">
            Kind
          </th>
          <th scope="col" className="govuk-table__header">
            Subject
          </th>
          <th scope="col" className="govuk-table__header">
            State
          </th>
          <SortableHeader label="Due" sortKey="due" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {cases.map((item) => {
          const due = dueSummary(item, today, now);
          return (
            <tr className="govuk-table__row" key={item.id} data-testid="case-row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/cases/${encodeURIComponent(item.reference)}`}>
                  {item.reference}
                </Link>
                {item.hasPendingChanges ? (
                  <>
                    {' '}
                    <strong className="govuk-tag govuk-tag--yellow">Not sent yet</strong>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">{caseTypeShort(item.caseType)}</td>
              <td className="govuk-table__cell">{item.subject}</td>
              <td className="govuk-table__cell">{statusLabel(item.caseType, item.status)}</td>
              <td className="govuk-table__cell">
                {due.rag ? <strong className={RAG_TAG_CLASS[due.rag]}>{due.text}</strong> : due.text}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
