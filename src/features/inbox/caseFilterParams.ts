// The All cases filter kept in the address (?type=foi&state=in_review&overdue=1&page=2), so a
// filtered list can be bookmarked or shared, and Back returns to it.
import { type CaseFilter, PAGE_SIZE } from '../../data';

export type ListQuery = { filter: CaseFilter; page: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function queryFromParams(params: URLSearchParams): ListQuery {
  const filter: CaseFilter = {};
  const types = params.getAll('type').filter(Boolean);
  const states = params.getAll('state').filter(Boolean);
  if (types.length > 0) filter.types = types;
  if (states.length > 0) filter.statuses = states;
  const team = params.get('team');
  const person = params.get('person');
  const from = params.get('dueFrom');
  const to = params.get('dueTo');
  if (team) filter.teamId = team;
  if (person) filter.ownerId = person;
  if (from && DATE.test(from)) filter.dueFrom = from;
  if (to && DATE.test(to)) filter.dueTo = to;
  if (params.get('overdue') === '1') filter.isOverdue = true;
  const text = params.get('q')?.trim();
  if (text) filter.text = text;
  const sort = params.get('sort');
  if (sort === 'due' || sort === 'reference' || sort === 'updated') filter.sort = sort;
  const direction = params.get('dir');
  if (direction === 'asc' || direction === 'desc') filter.direction = direction;
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return { filter, page: Number.isFinite(page) && page > 0 ? page : 1 };
}

export function paramsFromQuery({ filter, page }: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const type of filter.types ?? []) params.append('type', type);
  for (const state of filter.statuses ?? []) params.append('state', state);
  if (filter.teamId) params.set('team', filter.teamId);
  if (filter.ownerId) params.set('person', filter.ownerId);
  if (filter.dueFrom) params.set('dueFrom', filter.dueFrom);
  if (filter.dueTo) params.set('dueTo', filter.dueTo);
  if (filter.isOverdue) params.set('overdue', '1');
  if (filter.text) params.set('q', filter.text);
  if (filter.sort) params.set('sort', filter.sort);
  if (filter.direction) params.set('dir', filter.direction);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** How many pages a list of `total` has, and which rows (counting from 1) this page shows. */
export function pageSpan(
  total: number,
  page: number,
  rowsShown: number,
): { pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const start = (page - 1) * PAGE_SIZE;
  return { pages, from: rowsShown > 0 ? start + 1 : 0, to: start + rowsShown };
}
