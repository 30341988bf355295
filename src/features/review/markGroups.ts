// The side list's order: marks grouped by page, then by the person who made them (by name),
// oldest first within a person; replies sit under the comment they answer, not in the list.
import type { Mark } from '../../domain';

export type PersonGroup = { author: string; name: string; marks: Mark[] };
export type PageGroup = { page: number; people: PersonGroup[] };

export function groupMarks(marks: readonly Mark[], nameOf: (userId: string) => string): PageGroup[] {
  const pages = new Map<number, Map<string, Mark[]>>();
  for (const mark of marks) {
    if (mark.status === 'deleted' || mark.inReplyTo !== null) continue;
    const byAuthor = pages.get(mark.page) ?? new Map<string, Mark[]>();
    pages.set(mark.page, byAuthor);
    byAuthor.set(mark.author, [...(byAuthor.get(mark.author) ?? []), mark]);
  }
  return [...pages.entries()]
    .sort(([a], [b]) => a - b)
    .map(([page, byAuthor]) => ({
      page,
      people: [...byAuthor.entries()]
        .map(([author, list]) => ({
          author,
          name: nameOf(author),
          marks: [...list].sort((a, b) => a.madeAt.localeCompare(b.madeAt)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    }));
}

/** The replies to a comment, oldest first (deleted ones left out). */
export function repliesTo(marks: readonly Mark[], id: string): Mark[] {
  return marks
    .filter((m) => m.inReplyTo === id && m.status !== 'deleted')
    .sort((a, b) => a.madeAt.localeCompare(b.madeAt));
}

/** Redactions on a page still waiting for a decision: what "Agree all on page N" agrees. */
export function openRedactionsOn(marks: readonly Mark[], page: number): Mark[] {
  return marks.filter((m) => m.kind === 'redaction' && m.status === 'open' && m.page === page);
}

/** Marks by page, for drawing each page's overlay without scanning every mark per page. */
export function marksByPage(marks: readonly Mark[]): Map<number, Mark[]> {
  const byPage = new Map<number, Mark[]>();
  for (const mark of marks) {
    if (mark.status === 'deleted') continue;
    const list = byPage.get(mark.page);
    if (list) list.push(mark);
    else byPage.set(mark.page, [mark]);
  }
  return byPage;
}
