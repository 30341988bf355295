// The words a redaction covers once it has been moved or resized: every character whose middle
// lies inside one of its rectangles, in reading order, so the mark's "Covers" line and the
// redaction schedule name what the box now holds, not what it held before.
import type { Rect } from '../../domain';
import type { SearchablePage } from '../../pdf/find';
import { boxOfSpan } from '../../pdf/pdfjs';

const inside = (x: number, y: number, r: Rect) =>
  x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;

export function textUnder(page: SearchablePage, rects: readonly Rect[]): string {
  let text = '';
  let isGap = false;
  for (let i = 0; i < page.text.length; i++) {
    const source = page.sources[i];
    const run = source ? page.runs[source.run] : undefined;
    const ch = page.text[i] ?? '';
    const box = source && run ? boxOfSpan(run, source.from, source.to) : null;
    const isIn = box !== null && rects.some((r) => inside(box.x + box.width / 2, box.y + box.height / 2, r));
    if (isIn && ch.trim() !== '') {
      if (isGap && text !== '') text += ' ';
      text += ch;
      isGap = false;
    } else isGap = true;
  }
  return text;
}
