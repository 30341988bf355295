// The events the review tool sends for new marks, built from what the person did: a selection,
// a dragged box, a search hit or suggestion, an ink stroke. Each gets a fresh id from the caller
// (crypto.randomUUID), so two people marking offline never collide.
import type { InkPoint, Rect } from '../../domain';
import type { Finding } from '../../pdf/find';

export type SelectionOnPage = { page: number; rects: Rect[]; text: string };
export type RedactionDetails = { exemption: string; note: string };
type RedactionKind = 'area' | 'text' | 'search' | 'pattern' | 'person' | 'page';

export type NewMark =
  | { type: 'redaction.proposed'; payload: RedactionPayload }
  | { type: 'annotation.added'; payload: AnnotationPayload };

export type RedactionPayload = {
  redactionId: string;
  documentSha: string;
  page: number;
  rects: Rect[];
  text?: string;
  kind: RedactionKind;
  exemption: string;
  note?: string;
};

export type AnnotationPayload = {
  annotationId: string;
  documentSha: string;
  page: number;
  kind: 'comment' | 'highlight' | 'ink';
  rects: Rect[];
  strokes?: InkPoint[][];
  text?: string;
  colour?: string;
  inReplyTo?: string;
};

// The schemas cap a text at 20,000 characters; a long selection keeps its start.
const MAX_TEXT = 20_000;
const clip = (text: string) => text.slice(0, MAX_TEXT);
const rectOf = ({ x, y, width, height }: Rect): Rect => ({ x, y, width, height });

function redaction(
  id: string,
  documentSha: string,
  page: number,
  rects: Rect[],
  kind: RedactionKind,
  details: RedactionDetails,
  text?: string,
): NewMark {
  const note = details.note.trim();
  return {
    type: 'redaction.proposed',
    payload: {
      redactionId: id,
      documentSha,
      page,
      rects: rects.map(rectOf),
      kind,
      exemption: details.exemption,
      ...(text ? { text: clip(text) } : {}),
      ...(note ? { note } : {}),
    },
  };
}

/** One redaction per page of the selection (a selection can run over a page break). */
export function redactSelection(
  selection: readonly SelectionOnPage[],
  documentSha: string,
  details: RedactionDetails,
  newId: () => string,
): NewMark[] {
  return selection
    .filter((s) => s.rects.length > 0)
    .map((s) => redaction(newId(), documentSha, s.page, s.rects, 'text', details, s.text));
}

export function redactArea(
  page: number,
  rect: Rect,
  documentSha: string,
  details: RedactionDetails,
  id: string,
) {
  return redaction(id, documentSha, page, [rect], 'area', details);
}

/** One redaction per hit, so each can be agreed or rejected on its own. */
export function redactFindings(
  findings: readonly Finding[],
  kind: 'search' | 'pattern' | 'person',
  documentSha: string,
  details: RedactionDetails,
  newId: () => string,
): NewMark[] {
  return findings.map((f) => redaction(newId(), documentSha, f.page, [f], kind, details, f.text));
}

function annotation(payload: AnnotationPayload): NewMark {
  return { type: 'annotation.added', payload };
}

export function highlightSelection(
  selection: readonly SelectionOnPage[],
  documentSha: string,
  newId: () => string,
): NewMark[] {
  return selection
    .filter((s) => s.rects.length > 0)
    .map((s) =>
      annotation({
        annotationId: newId(),
        documentSha,
        page: s.page,
        kind: 'highlight',
        rects: s.rects.map(rectOf),
        text: clip(s.text),
        colour: '#ffdd00',
      }),
    );
}

/** Where a comment is pinned: a point (a zero-size rect) or the rects of a text selection. */
export type CommentAnchor = { page: number; rects: Rect[]; quote: string | null };

export function comment(anchor: CommentAnchor, text: string, documentSha: string, id: string): NewMark {
  return annotation({
    annotationId: id,
    documentSha,
    page: anchor.page,
    kind: 'comment',
    rects: anchor.rects.map(rectOf),
    text: clip(text.trim()),
  });
}

export function reply(parent: { id: string; page: number; documentSha: string }, text: string, id: string) {
  return annotation({
    annotationId: id,
    documentSha: parent.documentSha,
    page: parent.page,
    kind: 'comment',
    rects: [],
    text: clip(text.trim()),
    inReplyTo: parent.id,
  });
}

export function ink(page: number, stroke: InkPoint[], documentSha: string, id: string, colour = '#1d70b8') {
  return annotation({
    annotationId: id,
    documentSha,
    page,
    kind: 'ink',
    rects: [],
    strokes: [stroke],
    colour,
  });
}

/** The whole page withheld (also the keyboard's way to redact without drawing). */
export function redactPage(
  page: { page: number; width: number; height: number },
  documentSha: string,
  details: RedactionDetails,
  id: string,
) {
  return redaction(
    id,
    documentSha,
    page.page,
    [{ x: 0, y: 0, width: page.width, height: page.height }],
    'page',
    details,
  );
}
