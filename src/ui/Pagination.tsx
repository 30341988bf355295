// GOV.UK pagination for long lists: Previous, numbered pages round the current one, Next.
// Each is a real link (the page number is in the address), so Back and bookmarks work.
import { Link } from 'react-router';
import { paginationItems } from './paginationItems';

export function Pagination({
  page,
  pages,
  hrefFor,
  label,
}: {
  page: number;
  pages: number;
  /** The address of a page, e.g. `?state=closed&page=3`. */
  hrefFor: (page: number) => string;
  /** What the pages are of, for screen readers: "Pages of cases". */
  label: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label={label} data-testid="pagination">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {paginationItems(page, pages).map((item, i) =>
          item === 'ellipsis' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: an ellipsis has no identity but its place.
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              &ctdot;
            </li>
          ) : (
            <li
              key={item}
              className={`govuk-pagination__item${item === page ? ' govuk-pagination__item--current' : ''}`}
            >
              <Link
                className="govuk-link govuk-pagination__link"
                to={hrefFor(item)}
                aria-label={`Page ${item}`}
                aria-current={item === page ? 'page' : undefined}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}
