// "Suggested redactions": personal data the patterns found and the case's people named in the
// document, not yet covered by a redaction; accept one or all (each becomes a proposed
// redaction with the exemption chosen for new redactions).
import type { Suggestion } from './suggestions';
import { suggestionKey } from './suggestions';

/** More than this many are summarised: a list of hundreds helps nobody and slows the page. */
const SHOWN = 50;

export function SuggestionsPanel(props: {
  suggestions: readonly Suggestion[] | null;
  onAccept(suggestions: readonly Suggestion[]): void;
  onShow(suggestion: Suggestion): void;
}) {
  const { suggestions } = props;
  return (
    <section className="review-tool__panel" aria-labelledby="suggestions-heading">
      <h2 className="govuk-heading-s" id="suggestions-heading">
        Suggested redactions
      </h2>
      {suggestions === null ? (
        <p className="govuk-body-s">Reading the document for personal data…</p>
      ) : suggestions.length === 0 ? (
        <p className="govuk-body-s">
          No suggestions: no e-mail addresses, phone numbers, National Insurance numbers, postcodes, dates of
          birth or names of the case's people were found that are not already redacted.
        </p>
      ) : (
        <>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => props.onAccept(suggestions)}
          >
            Accept all<span className="govuk-visually-hidden"> {suggestions.length} suggestions</span>
          </button>
          <ul className="govuk-list review-suggestions">
            {suggestions.slice(0, SHOWN).map((s) => (
              <li key={suggestionKey(s)} className="review-suggestions__item">
                <button type="button" className="review-marklist__show" onClick={() => props.onShow(s)}>
                  <span className="review-marklist__kind">{s.reason}</span>
                  <span className="review-marklist__text">
                    “{s.finding.text}”, page {s.finding.page}
                  </span>
                </button>
                <button
                  type="button"
                  className="govuk-button govuk-!-margin-bottom-0"
                  onClick={() => props.onAccept([s])}
                >
                  Accept
                  <span className="govuk-visually-hidden">
                    {' '}
                    {s.finding.text} on page {s.finding.page}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {suggestions.length > SHOWN ? (
            <p className="govuk-body-s">and {suggestions.length - SHOWN} more (Accept all includes them).</p>
          ) : null}
        </>
      )}
    </section>
  );
}
