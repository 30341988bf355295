// Search within the document: matches highlighted in the viewer, step through them, and
// "Redact all matches" (one redaction per match, so each can be agreed or rejected on its own).
import { type FormEvent, useState } from 'react';
import type { Finding } from '../../pdf/find';

export function SearchPanel(props: {
  search(query: string): Promise<Finding[]>;
  hits: readonly Finding[];
  currentHit: number;
  onHits(hits: Finding[], query: string): void;
  onCurrentHit(index: number): void;
  onRedactAll(hits: readonly Finding[]): void;
}) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [isSearching, setIsSearching] = useState(false);
  const { hits, currentHit } = props;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSearching(true);
    try {
      props.onHits(await props.search(query), query);
      setSearched(query.trim());
    } finally {
      setIsSearching(false);
    }
  };
  const step = (by: number) => props.onCurrentHit((currentHit + by + hits.length) % hits.length);

  return (
    <search className="review-tool__panel">
      <form onSubmit={submit}>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="review-search">
            Search this document
          </label>
          <div className="review-tool__search-row">
            <input
              className="govuk-input"
              id="review-search"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            <button type="submit" className="govuk-button govuk-button--secondary" disabled={isSearching}>
              Search
            </button>
          </div>
        </div>
        <p className="govuk-body-s" aria-live="polite">
          {isSearching
            ? 'Searching…'
            : searched === null || searched === ''
              ? ''
              : hits.length === 0
                ? `No matches for “${searched}”`
                : `Match ${currentHit + 1} of ${hits.length} for “${searched}”, on page ${hits[currentHit]?.page ?? 1}`}
        </p>
        {hits.length > 0 ? (
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => step(-1)}>
              Previous match
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => step(1)}>
              Next match
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              onClick={() => props.onRedactAll(hits)}
            >
              Redact all matches
            </button>
          </div>
        ) : null}
      </form>
    </search>
  );
}
