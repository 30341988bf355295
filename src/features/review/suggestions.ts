// Suggested redactions for a document: personal data found by the engine's patterns and the
// names of the case's own people. Suggestions already covered by a redaction on the page are
// left out, so accepting them twice is not offered.
import type { Mark, Rect } from '../../domain';
import { type Finding, matchPages, PATTERN_NAMES, type SearchablePage, searchPages } from '../../pdf/find';

export type Suggestion = { finding: Finding; reason: string; kind: 'pattern' | 'person' };
export type SuggestionPerson = { name: string; role: string };

const PATTERN_REASONS: Record<string, string> = {
  email: 'E-mail address',
  phone: 'Phone number',
  nino: 'National Insurance number',
  postcode: 'Postcode',
  dob: 'Date of birth',
};

/** Patterns and people's names on the pages, in page order then top to bottom. */
export function suggestRedactions(
  pages: readonly SearchablePage[],
  people: readonly SuggestionPerson[],
): Suggestion[] {
  const patterns = matchPages(pages, PATTERN_NAMES).map(({ pattern, ...finding }) => ({
    finding,
    reason: PATTERN_REASONS[pattern] ?? pattern,
    kind: 'pattern' as const,
  }));
  const names = people.flatMap((person) =>
    searchPages(pages, [person.name]).map((finding) => ({
      finding,
      reason: `Name of the ${person.role}`,
      kind: 'person' as const,
    })),
  );
  return [...patterns, ...names].sort(
    (a, b) => a.finding.page - b.finding.page || a.finding.y - b.finding.y || a.finding.x - b.finding.x,
  );
}

/** The case's people whose names a release should not carry: the requester, for now. */
export function peopleToLookFor(requesterName: string): SuggestionPerson[] {
  return [{ name: requesterName, role: 'requester' }];
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
