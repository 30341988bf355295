// All cases: the MoJ filter layout (kind, state, team, person, due range, overdue) beside a
// sortable, paginated table. The filter lives in the address; queries go through useCases,
// which the data layer answers from IndexedDB indexes, so it stays quick at 50,000 cases.
import '../journey.css';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CaseFilter, useCases } from '../../data';
import { caseTypes } from '../../domain';
import { Checkbox, DateField, SelectField } from '../../ui/fields';
import { useDirectoryState } from '../allocation/directoryData';
import { STATUS_OPTIONS, statusFilterValues } from '../case/caseWords';
import { ukDay } from '../case/whenText';
import { CaseTable, type SortKey } from './CaseTable';
import { type ListQuery, pageOf, paramsFromQuery, queryFromParams } from './caseFilterParams';

const TYPE_OPTIONS = Object.entries(caseTypes).map(([value, info]) => ({ value, label: info.label }));

function FilterPanel({ filter, onApply }: { filter: CaseFilter; onApply: (filter: CaseFilter) => void }) {
  const directory = useDirectoryState();
  const [draft, setDraft] = useState<CaseFilter>(filter);
  const set = <K extends keyof CaseFilter>(key: K, value: CaseFilter[K]) =>
    setDraft((d) => {
      const next = { ...d, [key]: value };
      if (
        value === '' ||
        value === undefined ||
        (Array.isArray(value) && value.length === 0) ||
        value === false
      )
        delete next[key];
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <div className="moj-filter" data-testid="case-filter">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">Filter</h2>
        </div>
      </div>
      <div className="moj-filter__content">
        <div className="moj-filter__options">
          <form onSubmit={submit} noValidate>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Apply filters
            </button>
            <SelectField
              label="Kind"
              name="filter-type"
              value={draft.types?.[0] ?? ''}
              onChange={(v) => set('types', v ? [v] : undefined)}
              options={[{ value: '', label: 'All kinds' }, ...TYPE_OPTIONS]}
            />
            <SelectField
              label="State"
              name="filter-state"
              value={draft.statuses?.[0] ?? ''}
              onChange={(v) => set('statuses', v ? [v] : undefined)}
              options={[{ value: '', label: 'Any state' }, ...STATUS_OPTIONS]}
            />
            <SelectField
              label="Team"
              name="filter-team"
              value={draft.teamId ?? ''}
              onChange={(v) => set('teamId', v || undefined)}
              options={[
                { value: '', label: 'Any team' },
                ...directory.teams.map((t) => ({ value: t.teamId, label: t.name })),
              ]}
            />
            <SelectField
              label="Person"
              name="filter-person"
              value={draft.ownerId ?? ''}
              onChange={(v) => set('ownerId', v || undefined)}
              options={[
                { value: '', label: 'Anyone' },
                ...directory.people.map((p) => ({ value: p.userId, label: p.name })),
              ]}
            />
            <DateField
              label="Due from"
              name="filter-due-from"
              value={draft.dueFrom ?? ''}
              onChange={(v) => set('dueFrom', v || undefined)}
            />
            <DateField
              label="Due to"
              name="filter-due-to"
              value={draft.dueTo ?? ''}
              onChange={(v) => set('dueTo', v || undefined)}
            />
            <Checkbox
              label="Overdue only"
              name="filter-overdue"
              isChecked={draft.isOverdue === true}
              onChange={(on) => set('isOverdue', on || undefined)}
            />
          </form>
        </div>
      </div>
    </div>
  );
}

function Pagination({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label="Pages of cases">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <button
            type="button"
            className="govuk-link govuk-pagination__link app-link-button"
            onClick={() => onPage(page - 1)}
          >
            <span className="govuk-pagination__link-title">Previous page</span>
          </button>
        </div>
      ) : null}
      <p className="govuk-body govuk-!-margin-bottom-0">
        Page {page} of {pages}
      </p>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <button
            type="button"
            className="govuk-link govuk-pagination__link app-link-button"
            onClick={() => onPage(page + 1)}
          >
            <span className="govuk-pagination__link-title">Next page</span>
          </button>
        </div>
      ) : null}
    </nav>
  );
}

export function AllCasesPage() {
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const statuses = query.filter.statuses;
  const { cases, isLoading } = useCases(
    statuses ? { ...query.filter, statuses: statusFilterValues(statuses) } : query.filter,
  );
  const now = new Date().toISOString();
  const today = ukDay(new Date(now));
  const shown = pageOf(cases, query.page);
  const go = (next: ListQuery) => setParams(paramsFromQuery(next));
  const sortKey: SortKey = query.filter.sort ?? 'due';
  const direction = query.filter.direction ?? (sortKey === 'updated' ? 'desc' : 'asc');
  const onSort = (key: SortKey) =>
    go({
      filter: {
        ...query.filter,
        sort: key,
        direction: key === sortKey && direction === 'asc' ? 'desc' : 'asc',
      },
      page: 1,
    });
  const isFiltered = Object.keys(query.filter).some((k) => k !== 'sort' && k !== 'direction');

  return (
    <>
      <h1 className="govuk-heading-l">All cases</h1>
      <div className="moj-filter-layout">
        <div className="moj-filter-layout__filter">
          <FilterPanel
            key={params.toString()}
            filter={query.filter}
            onApply={(filter) =>
              go({
                filter: { ...filter, sort: query.filter.sort, direction: query.filter.direction },
                page: 1,
              })
            }
          />
        </div>
        <div className="moj-filter-layout__content">
          <p className="govuk-body" data-testid="case-count" aria-live="polite">
            {isLoading
              ? 'Finding cases…'
              : cases.length === 0
                ? 'No cases match.'
                : `Showing ${shown.from} to ${shown.to} of ${cases.length} ${cases.length === 1 ? 'case' : 'cases'}`}
            {isFiltered ? (
              <>
                {' '}
                <Link className="govuk-link" to={{ search: '' }}>
                  Clear filters
                </Link>
              </>
            ) : null}
          </p>
          {shown.rows.length > 0 ? (
            <CaseTable
              cases={shown.rows}
              today={today}
              now={now}
              caption="Cases"
              sort={{ key: sortKey, direction }}
              onSort={onSort}
            />
          ) : null}
          <Pagination page={shown.page} pages={shown.pages} onPage={(page) => go({ ...query, page })} />
        </div>
      </div>
    </>
  );
}
