// Finishing a review: "Apply agreed redactions" makes the release copy (progress in words, the
// page stays usable, the "Release copy made" banner links to it); "Download marked-up copy" and
// "Print" give people without the app the comments and highlights as real PDF annotations.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Mark } from '../../domain';
import { exportMarkedUp } from '../../pdf/annotate';
import { reviewDocumentPath } from '../case';
import { applyProgressText, isApplying } from './applyProgress';
import type { useReleaseCopy } from './useReleaseCopy';

const PRINT_URL_LIFETIME_MS = 60_000;

function saveFile(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next task; the URL is no longer needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ShareAndApply(props: {
  reference: string;
  documentName: string;
  bytes: Uint8Array;
  marks: readonly Mark[];
  agreed: readonly Mark[];
  names: Record<string, string>;
  canRelease: boolean;
  release: ReturnType<typeof useReleaseCopy>;
}) {
  const { release, agreed } = props;
  const [shareProblem, setShareProblem] = useState<string | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const busy = isApplying(release.phase);
  const markedUpName = `${props.documentName.replace(/\.pdf$/i, '')} — marked up.pdf`;

  const markedUp = async (): Promise<Uint8Array | null> => {
    setIsExporting(true);
    try {
      setShareProblem(null);
      return await exportMarkedUp(props.bytes, props.marks, props.names);
    } catch (error) {
      setShareProblem(
        `The marked-up copy could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    } finally {
      setIsExporting(false);
    }
  };
  const download = async () => {
    const bytes = await markedUp();
    if (bytes) saveFile(bytes, markedUpName);
  };
  const print = async () => {
    const bytes = await markedUp();
    if (!bytes) return;
    // The browser's PDF viewer prints every page with its annotations; printing this screen
    // would print only the pages drawn so far. If a new tab is blocked, print the screen.
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    );
    const opened = window.open(url, '_blank');
    if (!opened) window.print();
    // The new tab has read the copy long before this; the URL would otherwise live as long as the page.
    setTimeout(() => URL.revokeObjectURL(url), PRINT_URL_LIFETIME_MS);
  };

  return (
    <section className="review-tool__panel" aria-labelledby="finish-heading">
      <h2 className="govuk-heading-s" id="finish-heading">
        Release copy and sharing
      </h2>
      {release.phase.step === 'done' ? (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="release-made-title"
        >
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="release-made-title">
              Release copy made
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              The redacted words are removed from{' '}
              <Link
                className="govuk-notification-banner__link"
                to={reviewDocumentPath(props.reference, release.phase.sha256)}
              >
                {release.phase.name}
              </Link>
              . It is stored on the case with its redaction schedule; the original is unchanged.
            </p>
            {release.phase.notes.length > 0 ? (
              <>
                <p className="govuk-body">Check before it is released:</p>
                <ul className="govuk-list govuk-list--bullet" data-testid="release-notes">
                  {release.phase.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      {release.phase.step === 'refused' ? (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">The release copy was not made</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{applyProgressText(release.phase)}</p>
          </div>
        </div>
      ) : null}
      {props.canRelease ? (
        <>
          <p className="govuk-body-s">
            {agreed.length === 0
              ? 'No redactions have been agreed yet. Agree redactions before making the release copy.'
              : `${agreed.length} agreed ${agreed.length === 1 ? 'redaction' : 'redactions'} will be removed from the release copy.`}
          </p>
          <button
            type="button"
            className="govuk-button"
            disabled={busy || agreed.length === 0}
            aria-disabled={busy || agreed.length === 0}
            onClick={() => void release.apply(agreed)}
          >
            Apply agreed redactions
          </button>
          <p className="govuk-body-s review-tool__progress" aria-live="polite">
            {busy ? applyProgressText(release.phase) : ''}
          </p>
        </>
      ) : (
        <p className="govuk-body-s">A case worker, manager or clearance officer makes the release copy.</p>
      )}
      {shareProblem ? (
        <p className="govuk-error-message" role="alert">
          {shareProblem}
        </p>
      ) : null}
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={isExporting}
          onClick={() => void download()}
        >
          Download marked-up copy
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={isExporting}
          onClick={() => void print()}
        >
          Print
        </button>
      </div>
    </section>
  );
}
