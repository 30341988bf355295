// What is still to do on a document under review, in the words the review tool and the case page
// show ("7 proposed redactions to agree, 2 unresolved comments"), and which exemptions the case's
// release copies rely on (they flow into the response letter and the closing outcome).
import type { CaseState, Mark } from './caseState';
import { EXEMPTIONS } from './exemptions';

export type ReviewProgress = {
  /** Redactions proposed and not yet agreed or rejected. */
  toAgree: number;
  agreed: number;
  rejected: number;
  /** Comments (not replies) nobody has marked resolved. */
  unresolvedComments: number;
};

/** The marks on one document that still count: deleted marks stay only in the history. */
export function marksOn(state: CaseState, documentSha: string): Mark[] {
  return state.marks.filter((m) => m.documentSha === documentSha && m.status !== 'deleted');
}

export function reviewProgress(state: CaseState, documentSha: string): ReviewProgress {
  const progress: ReviewProgress = { toAgree: 0, agreed: 0, rejected: 0, unresolvedComments: 0 };
  for (const mark of marksOn(state, documentSha)) {
    if (mark.kind === 'redaction') {
      if (mark.status === 'open') progress.toAgree++;
      else if (mark.status === 'agreed') progress.agreed++;
      else if (mark.status === 'rejected') progress.rejected++;
    } else if (isComment(mark) && mark.inReplyTo === null && mark.status === 'open') {
      progress.unresolvedComments++;
    }
  }
  return progress;
}

function isComment(mark: Mark): boolean {
  return mark.subtype === 'comment' || mark.subtype === 'note';
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function describeReviewProgress(progress: ReviewProgress): string {
  const parts = [
    progress.toAgree > 0
      ? count(progress.toAgree, 'proposed redaction to agree', 'proposed redactions to agree')
      : null,
    progress.unresolvedComments > 0
      ? count(progress.unresolvedComments, 'unresolved comment', 'unresolved comments')
      : null,
  ].filter((p): p is string => p !== null);
  if (parts.length > 0) return parts.join(', ');
  if (progress.agreed > 0)
    return `Nothing left to agree: ${count(progress.agreed, 'redaction is', 'redactions are')} ready to apply`;
  return 'Nothing to do on this document yet';
}

/** The redactions to burn into a release copy of this document: agreed, not deleted. */
export function agreedRedactions(state: CaseState, documentSha: string): Mark[] {
  return marksOn(state, documentSha).filter((m) => m.kind === 'redaction' && m.status === 'agreed');
}

/** Exemptions the case's release copies rely on, in the order of the catalogue. */
export function exemptionsFromReleaseCopies(state: CaseState): string[] {
  const used = new Set(state.documents.flatMap((d) => d.exemptions));
  const known = EXEMPTIONS.map((e) => e.code).filter((code) => used.has(code));
  const unknown = [...used].filter((code) => !known.includes(code)).sort();
  return [...known, ...unknown];
}
