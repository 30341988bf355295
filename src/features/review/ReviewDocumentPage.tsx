// The place the clearance review tool (mark-up and redaction) will open. Until it lands it
// opens the document from the device's cache, online or offline, and says plainly what is
// not there yet.
import { Link, useParams } from 'react-router';
import { useBlob } from '../../data';

export function ReviewDocumentPage() {
  const { reference = '', sha256 = '' } = useParams();
  const { url, status } = useBlob(sha256);
  return (
    <>
      <Link className="govuk-back-link" to={`/cases/${encodeURIComponent(reference)}`}>
        Back to {reference}
      </Link>
      <h1 className="govuk-heading-l">Review document</h1>
      <p className="govuk-body">
        Marking up and redacting documents in Clearway is coming soon. For now you can open the document.
      </p>
      {url ? (
        <a className="govuk-button" href={url} target="_blank" rel="noreferrer">
          Open the document<span className="govuk-visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : (
        <p className="govuk-body">
          {status === 'missing'
            ? 'This document is not on this device yet. It arrives when you are online.'
            : 'Loading…'}
        </p>
      )}
    </>
  );
}
