// The review tool's page, /cases/:reference/documents/:sha256/review: finds the case and the
// document on this device (online or offline), opens the PDF from the local cache, and hands
// both to the tool. Says plainly when the case or the document is not here yet.
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useCase, useSession } from '../../data';
import type { CaseState, StreamId, TimelineEntry } from '../../domain';
import { allowedSteps } from '../case/allowedSteps';
import { usePeople } from '../case/people';
import { useCaseStream } from '../case/useCaseStream';
import { ReviewTool } from './ReviewTool';
import { useReviewDocument } from './useReviewDocument';

function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'case';
}

const NO_TIMELINE: readonly TimelineEntry[] = [];

export function ReviewDocumentPage() {
  const { reference = '', sha256 = '' } = useParams();
  const session = useSession();
  const { stream, isLoading: isFinding } = useCaseStream(reference);
  const view = useCase(stream ?? 'case:00000000-0000-0000-0000-000000000000');
  const { people, nameOf } = usePeople(view.caseDoc?.timeline ?? NO_TIMELINE);
  const state = view.caseDoc && isCaseState(view.caseDoc.state) ? view.caseDoc.state : null;
  const opened = useReviewDocument(sha256);
  const document = state?.documents.find((d) => d.sha256 === sha256) ?? null;
  const me = session.status === 'signed-in' ? session.user : null;
  const allowed = useMemo(() => (state && me ? allowedSteps(state, me) : new Set<string>()), [state, me]);
  const names = useMemo(() => {
    const byId: Record<string, string> = {};
    for (const person of people) byId[person.userId] = person.name;
    for (const mark of state?.marks ?? []) byId[mark.author] ??= nameOf(mark.author);
    return byId;
  }, [people, state, nameOf]);

  const back = (
    <Link className="govuk-back-link" to={`/cases/${encodeURIComponent(state?.reference ?? reference)}`}>
      Back to {state?.reference ?? reference}
    </Link>
  );
  if (!state || !stream) {
    return (
      <>
        {back}
        <h1 className="govuk-heading-l">
          {isFinding || view.isLoading ? 'Opening the case' : 'Case not found on this device'}
        </h1>
      </>
    );
  }
  if (!document) {
    return (
      <>
        {back}
        <h1 className="govuk-heading-l">Document not on this case</h1>
        <p className="govuk-body">This document is not one of the documents of {state.reference}.</p>
      </>
    );
  }
  return (
    <>
      {back}
      <span className="govuk-caption-l">{state.reference}: review</span>
      <h1 className="govuk-heading-l review-tool__title">{document.name}</h1>
      {opened.status === 'ready' ? (
        <ReviewTool
          state={state}
          stream={stream as StreamId}
          documentSha={sha256}
          documentName={document.name}
          bytes={opened.bytes}
          pdf={opened.pdf}
          nameOf={nameOf}
          names={names}
          allowed={allowed}
        />
      ) : (
        <p className="govuk-body" role="status">
          {opened.status === 'missing'
            ? 'This document is not on this device yet. It arrives when you are online.'
            : opened.status === 'problem'
              ? opened.problem
              : 'Opening the document…'}
        </p>
      )}
    </>
  );
}
