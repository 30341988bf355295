// All cases: the MoJ filter layout (kind, state, team, person, due range, overdue) beside a
// sortable, paginated table. The filter lives in the address; queries go through useCases,
// which the data layer answers from IndexedDB indexes, so it stays quick at 50,000 cases.
import '../journey.css';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CaseFilter, useCasePage } from '../../data';
import { caseTypes } from '../../domain';
import { Checkbox, DateField, SelectField } from '../../ui/fields';
import { Pagination } from '../../ui/Pagination';
import { useDirectoryState } from '../allocation/directoryData';
import { STATUS_OPTIONS } from '../case/caseWords';
import { ukDay } from '../case/whenText';
import { CaseTable, type SortKey } from './CaseTable';
import { type ListQuery, pageSpan, paramsFromQuery, queryFromParams } from './caseFilterParams';

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

export function AllCasesPage() {
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  // States are workflow keys (`in_progress`), as the summaries hold them: one state is one
  // index range, so its total is a count and its pages are read by key.
  const list = useCasePage(query.filter, query.page);
  const now = new Date().toISOString();
  const today = ukDay(new Date(now));
  const shown = pageSpan(list.total, query.page, list.items.length);
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
            {list.isLoading
              ? 'Finding cases…'
              : list.total === 0
                ? 'No cases match.'
                : shown.from === 0
                  ? `There is no page ${query.page}: the list has ${shown.pages}.`
                  : `Showing ${shown.from} to ${shown.to} of ${list.total.toLocaleString('en-GB')} ${list.total === 1 ? 'case' : 'cases'}`}
            {isFiltered ? (
              <>
                {' '}
                <Link className="govuk-link" to={{ search: '' }}>
                  Clear filters
                </Link>
              </>
            ) : null}
          </p>
          {list.items.length > 0 ? (
            <CaseTable
              cases={list.items}
              today={today}
              now={now}
              caption="Cases"
              sort={{ key: sortKey, direction }}
              onSort={onSort}
            />
          ) : null}
          <Pagination
            page={query.page}
            pages={shown.pages}
            label="Pages of cases"
            hrefFor={(page) => `?${paramsFromQuery({ ...query, page })}`}
          />
        </div>
      </div>
    </>
  );
}
