// Which page numbers GOV.UK pagination shows: the first, the last, the current one and its
// neighbours, with an ellipsis for each gap ("1 … 4 5 6 … 1000").

export type PaginationItem = number | 'ellipsis';

export function paginationItems(page: number, pages: number): PaginationItem[] {
  const shown = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const items: PaginationItem[] = [];
  let previous = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    // A gap of one page shows that page rather than an ellipsis standing for it.
    if (n - previous === 2) items.push(n - 1);
    else if (n - previous > 2) items.push('ellipsis');
    items.push(n);
    previous = n;
  }
  return items;
}
