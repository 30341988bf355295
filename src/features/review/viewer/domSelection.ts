// Reads the browser's text selection inside the viewer's text layers: for each page whose text
// layer the selection touches, the selected part of each text node gives its client rects
// (Range.getClientRects on a range per text node, so a whole selected span or text layer never
// adds its own box) and its text, turned into page points by selectionRects.
import { type ClientRect, joinSelectedText, mergeLineRects, toPagePoints } from './selectionRects';
import type { SelectedText } from './types';

export type PageElements = { page: number; pageBox: Element; textLayer: Element };

function selectedPieces(range: Range, textLayer: Element): { rects: ClientRect[]; pieces: string[] } {
  const rects: ClientRect[] = [];
  const pieces: string[] = [];
  const doc = textLayer.ownerDocument;
  const walker = doc.createTreeWalker(textLayer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    if (node.nodeName === 'BR') {
      pieces.push(' ');
      continue;
    }
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent ?? '';
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : text.length;
    if (end <= start) continue;
    const part = doc.createRange();
    part.setStart(node, start);
    part.setEnd(node, end);
    for (const r of part.getClientRects()) rects.push(r);
    pieces.push(text.slice(start, end));
    // pdf.js puts each text item in its own span; items on one line carry their own spaces,
    // so a piece ends a word only where the PDF said so (or at a <br>).
  }
  return { rects, pieces };
}

/** The selection as rects in points per page, or null when nothing in the document is selected. */
export function readSelection(
  selection: Selection | null,
  pages: readonly PageElements[],
  scale: number,
): SelectedText[] | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const result: SelectedText[] = [];
  for (const { page, pageBox, textLayer } of pages) {
    const rects: ClientRect[] = [];
    const pieces: string[] = [];
    for (let i = 0; i < selection.rangeCount; i++) {
      const range = selection.getRangeAt(i);
      if (!range.intersectsNode(textLayer)) continue;
      const found = selectedPieces(range, textLayer);
      rects.push(...found.rects);
      pieces.push(...found.pieces);
    }
    const text = joinSelectedText(pieces);
    if (text === '') continue;
    const box = pageBox.getBoundingClientRect();
    const inPoints = mergeLineRects(toPagePoints(rects, box, scale));
    if (inPoints.length > 0) result.push({ page, rects: inPoints, text });
  }
  return result.length > 0 ? result : null;
}
