// Suggested redactions for a document (src/pdf/suggest: personal data by pattern, the case's
// own people by name), less those a redaction on the page already covers, so accepting the
// same thing twice is not offered.
import { type CaseType, caseTypes, type Mark, type Rect } from '../../domain';
import type { CasePerson, Suggestion } from '../../pdf/suggest';
import { personalInformationExemption } from './exemptionChoice';

export { type Suggestion, suggestRedactions } from '../../pdf/suggest';

/** The case's people whose names a release should not carry: the requester (except in a
 * subject access request, where they are the person the data is about and receive their own
 * name), and each third party named on the case under the personal-information exemption of
 * the case's law. */
export function peopleToLookFor(
  caseType: CaseType,
  requesterName: string,
  thirdParties: readonly string[],
): CasePerson[] {
  const exemption = personalInformationExemption(caseType);
  const isDataSubject = caseTypes[caseType].workflow === 'sar';
  return [
    ...(isDataSubject ? [] : [{ name: requesterName, role: 'requester' }]),
    ...thirdParties.map((name) => ({ name, role: 'third party', exemption })),
  ];
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Suggestions no redaction on the same page already covers. */
export function withoutCovered(suggestions: readonly Suggestion[], marks: readonly Mark[]): Suggestion[] {
  const redactions = marks.filter((m) => m.kind === 'redaction' && m.status !== 'deleted');
  return suggestions.filter(
    ({ finding }) =>
      !redactions.some((m) => m.page === finding.page && m.rects.some((r) => overlaps(r, finding))),
  );
}

/** A key that stays the same for the same finding, for lists and for "dismissed". */
export const suggestionKey = (s: Suggestion) =>
  `${s.finding.page}:${Math.round(s.finding.x)}:${Math.round(s.finding.y)}:${s.finding.text}`;
