// The words the review tool uses for a mark: what kind it is, where it stands, and its history
// ("Proposed by Priya Shah", "Agreed by Clare Officer"), so every mark says who did what.
import { exemptionTitle, type Mark } from '../../domain';

const ANNOTATION_WORDS: Record<string, string> = {
  comment: 'Comment',
  note: 'Comment',
  highlight: 'Highlight',
  ink: 'Drawing',
  strike: 'Strike-through',
};

/** "Comment", "Highlight", "Drawing", "Redaction (s40(2))", "Reply". */
export function markKindWords(mark: Mark): string {
  if (mark.kind === 'redaction') return mark.exemption ? `Redaction (${mark.exemption})` : 'Redaction';
  if (mark.inReplyTo) return 'Reply';
  return ANNOTATION_WORDS[mark.subtype] ?? 'Mark';
}

/** Where the mark stands, in a word a tag can show; null when there is nothing to say. */
export function markStatusWords(mark: Mark): string | null {
  if (mark.kind === 'redaction') {
    if (mark.status === 'agreed') return 'Agreed';
    if (mark.status === 'rejected') return 'Rejected';
    return 'Proposed';
  }
  if (mark.status === 'resolved') return 'Resolved';
  return null;
}

const ACTION_WORDS: Record<string, string> = {
  'annotation.added': 'Added',
  'redaction.proposed': 'Proposed',
  'annotation.edited': 'Changed',
  'annotation.deleted': 'Deleted',
  'annotation.resolved': 'Resolved',
  'redaction.agreed': 'Agreed',
  'redaction.rejected': 'Rejected',
};

export type HistoryLine = { text: string; at: string };

/** One line per change, oldest first: "Agreed by Clare Officer", "Rejected by Sam Case: not personal data". */
export function historyLines(mark: Mark, nameOf: (userId: string) => string): HistoryLine[] {
  return mark.history.map((entry) => {
    const action = ACTION_WORDS[entry.action] ?? 'Changed';
    const detail = entry.detail ? `: ${entry.detail}` : '';
    return { text: `${action} by ${nameOf(entry.by)}${detail}`, at: entry.at };
  });
}

/** The exemption with its title, for a select option or a list: "s40(2): Personal information of other people". */
export function exemptionWords(code: string): string {
  const title = exemptionTitle(code);
  return title === code ? code : `${code}: ${title}`;
}
