// The case's documents: add any file (no size limit of the app's own; stored on this device at
// once and uploaded when online), open it, and "Review document" — the place the PDF mark-up
// and redaction tool (issue 6) opens from.
import { type ChangeEvent, useState } from 'react';
import { Link } from 'react-router';
import { useBlob, useUploadBlob } from '../../data';
import { describeReviewProgress, exemptionTitle, reviewProgress } from '../../domain';
import type { CaseDocument } from '../../domain/caseState';
import { useCaseContext } from './caseContext';
import { useStep } from './useStep';
import { instantText } from './whenText';

/** Where the review tool lives for one document of a case (the route the review feature serves). */
export function reviewDocumentPath(reference: string, sha256: string): string {
  return `/cases/${encodeURIComponent(reference)}/documents/${sha256}/review`;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** For a release copy: what it was made from and the exemptions its redactions rely on. */
function ReleaseCopyDetails({ doc }: { doc: CaseDocument }) {
  const { state } = useCaseContext();
  if (doc.redactedFrom === null) return null;
  const original = state.documents.find((d) => d.sha256 === doc.redactedFrom);
  return (
    <>
      <br />
      <strong className="govuk-tag govuk-tag--grey">Redacted copy</strong>{' '}
      <span className="govuk-body-s">
        of {original ? original.name : 'a document no longer on this case'}
      </span>
      {doc.exemptions.length > 0 ? (
        <>
          <br />
          <span className="govuk-body-s">
            Exemptions: {doc.exemptions.map((code) => `${code} (${exemptionTitle(code)})`).join(', ')}
          </span>
        </>
      ) : null}
    </>
  );
}

function DocumentRow({ doc, reference }: { doc: CaseDocument; reference: string }) {
  const { nameOf, state } = useCaseContext();
  const { url, status } = useBlob(doc.sha256);
  const isPdf = doc.mime === 'application/pdf';
  return (
    <tr className="govuk-table__row">
      <td className="govuk-table__cell">
        {url ? (
          <a className="govuk-link" href={url} download={doc.name}>
            {doc.name}
          </a>
        ) : (
          <>
            {doc.name}
            {status === 'loading' ? ' (fetching)' : status === 'missing' ? ' (not on this device yet)' : ''}
          </>
        )}
        <br />
        <span className="govuk-body-s">
          {sizeText(doc.size)}, {doc.kind.replace(/_/g, ' ')}, added by {nameOf(doc.addedBy)}{' '}
          {instantText(doc.addedAt)}
        </span>
        <ReleaseCopyDetails doc={doc} />
      </td>
      <td className="govuk-table__cell">
        {isPdf ? (
          <Link
            className="govuk-link"
            to={reviewDocumentPath(reference, doc.sha256)}
            data-testid="review-document"
          >
            Review document<span className="govuk-visually-hidden"> {doc.name}</span>
          </Link>
        ) : null}
        {isPdf && state.marks.some((m) => m.documentSha === doc.sha256) ? (
          <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
            {describeReviewProgress(reviewProgress(state, doc.sha256))}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function Documents() {
  const { state, stream, allowed } = useCaseContext();
  const upload = useUploadBlob();
  const { run, problem } = useStep(stream);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of files) {
      try {
        const { sha256, size } = await upload(file, file.name);
        await run('document.added', {
          sha256,
          name: file.name,
          size,
          mime: file.type || 'application/octet-stream',
          kind: 'correspondence',
        });
        setUploadProblem(null);
      } catch (error) {
        setUploadProblem(
          `${file.name} could not be added: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };
  return (
    <section aria-labelledby="documents-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="documents-heading">
        Documents
      </h2>
      {state.documents.length === 0 ? (
        <p className="govuk-body">No documents yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Documents on this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Document
              </th>
              <th scope="col" className="govuk-table__header">
                Review
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {state.documents.map((doc) => (
              <DocumentRow key={doc.sha256} doc={doc} reference={state.reference} />
            ))}
          </tbody>
        </table>
      )}
      {allowed.has('document.added') ? (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="add-documents">
            Add documents (any size; kept on this device until they are sent)
          </label>
          {uploadProblem || problem ? (
            <p className="govuk-error-message" role="alert">
              {uploadProblem ?? problem}
            </p>
          ) : null}
          <input className="govuk-file-upload" id="add-documents" type="file" multiple onChange={add} />
        </div>
      ) : null}
    </section>
  );
}
