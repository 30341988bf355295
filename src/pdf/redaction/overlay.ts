// The visible part of a redaction: a solid box on each region with its label centred, written
// as page content after every graphics state the original left open has been closed (a single
// q…Q wrapper is not enough when the page leaves q's unbalanced).
import { Encodings, Font } from '@cantoo/pdf-lib/standard-fonts';
import { formatHexString, formatName, formatNumber } from './contentStream';
import { invert, type Matrix, type Rect } from './geometry';

export const LABEL_FONT_NAME = 'CwLabel';
const helvetica = Font.load('Helvetica');
const MAX_LABEL_SIZE = 10;
const MIN_LABEL_SIZE = 4;

/** Text in Helvetica/WinAnsi: its codes and its width in em; characters outside WinAnsi become '?'. */
export function encodeWinAnsi(label: string): { bytes: Uint8Array; width: number } {
  const codes: number[] = [];
  let width = 0;
  for (const ch of label.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 63;
    // WinAnsi covers Latin; anything else becomes '?' rather than a glyph the font lacks.
    const { code, name } = Encodings.WinAnsi.canEncodeUnicodeCodePoint(cp)
      ? Encodings.WinAnsi.encodeUnicodeCodePoint(cp)
      : { code: 63, name: 'question' };
    codes.push(code);
    width += (helvetica.getWidthOfGlyph(name) ?? 500) / 1000;
  }
  return { bytes: Uint8Array.from(codes), width };
}

export type Box = { rect: Rect; label?: string };

/**
 * Content that closes `openSaves` graphics states, then draws the boxes (user space) and their
 * labels upright as the page is displayed (`toDisplay` maps user space to the display).
 */
export function overlayContent(
  boxes: Box[],
  openSaves: number,
  toDisplay: Matrix,
): { text: string; usesLabelFont: boolean } {
  const parts: string[] = ['\n', 'Q\n'.repeat(openSaves)];
  let usesLabelFont = false;
  const inverse = invert(toDisplay) ?? [1, 0, 0, 1, 0, 0];
  // Display x → user direction, display "up" (−y) → user direction: the label's text axes.
  const ax = inverse[0];
  const ay = inverse[1];
  const bx = -inverse[2];
  const by = -inverse[3];
  const normA = Math.hypot(ax, ay) || 1;
  const normB = Math.hypot(bx, by) || 1;
  for (const { rect, label } of boxes) {
    const w = rect.x1 - rect.x0;
    const h = rect.y1 - rect.y0;
    parts.push(
      `q 0 g 0 G ${formatNumber(rect.x0)} ${formatNumber(rect.y0)} ${formatNumber(w)} ${formatNumber(h)} re f Q\n`,
    );
    if (!label?.trim()) continue;
    const { bytes, width } = encodeWinAnsi(label.trim());
    // Box sides as the reader sees them (rotated pages swap them).
    const displayWidth = Math.abs(ax) > Math.abs(ay) ? w : h;
    const displayHeight = Math.abs(ax) > Math.abs(ay) ? h : w;
    const size = Math.min(MAX_LABEL_SIZE, displayHeight * 0.7, (displayWidth * 0.9) / Math.max(width, 0.01));
    if (size < MIN_LABEL_SIZE) continue;
    usesLabelFont = true;
    const cx = (rect.x0 + rect.x1) / 2;
    const cy = (rect.y0 + rect.y1) / 2;
    const ua = [ax / normA, ay / normA];
    const ub = [bx / normB, by / normB];
    // Start point: centre minus half the text width along the text, minus a third of the size up.
    const ox = cx - ((ua[0] ?? 0) * (width * size)) / 2 - (ub[0] ?? 0) * size * 0.35;
    const oy = cy - ((ua[1] ?? 0) * (width * size)) / 2 - (ub[1] ?? 0) * size * 0.35;
    const tm = [ua[0], ua[1], ub[0], ub[1], ox, oy].map((v) => formatNumber(v ?? 0)).join(' ');
    parts.push(
      `q BT 1 g ${formatName(LABEL_FONT_NAME)} ${formatNumber(size)} Tf ${tm} Tm ${formatHexString(bytes)} Tj ET Q\n`,
    );
  }
  return { text: parts.join(''), usesLabelFont };
}
