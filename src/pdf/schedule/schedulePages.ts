// The schedule as pages appended to a redacted release: a plain table a reader can check the
// boxes against (number, page, position, exemption, who, when). Drawn with Helvetica, so text
// outside Windows-1252 is shown as "?"; the JSON schedule keeps it exactly.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Schedule, ScheduleEntry } from './schedule';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const TITLE_SIZE = 16;
const TEXT_SIZE = 9;
const ROW_HEIGHT = 16;
const RULE = rgb(0.7, 0.7, 0.7);

type Column = { title: string; width: number; cell: (entry: ScheduleEntry) => string };

const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
const round = (n: number) => String(Math.round(n));

const COLUMNS: Column[] = [
  { title: 'No.', width: 30, cell: (e) => String(e.number) },
  { title: 'Page', width: 35, cell: (e) => String(e.page) },
  {
    title: 'Position (points from top left)',
    width: 150,
    cell: (e) => `${round(e.x)}, ${round(e.y)}; ${round(e.width)} x ${round(e.height)}`,
  },
  { title: 'Exemption', width: 70, cell: (e) => e.label || '(none)' },
  { title: 'By', width: 110, cell: (e) => e.who },
  { title: 'When (UTC)', width: A4.width - 2 * MARGIN - 395, cell: (e) => when.format(new Date(e.when)) },
];

/** `text` with characters Helvetica cannot encode replaced, cut to fit `width` with an ellipsis. */
function fitted(font: PDFFont, text: string, width: number): string {
  const encodable = Array.from(text, (ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  }).join('');
  if (font.widthOfTextAtSize(encodable, TEXT_SIZE) <= width) return encodable;
  let cut = encodable;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}...`, TEXT_SIZE) > width) cut = cut.slice(0, -1);
  return `${cut}...`;
}

function drawRow(page: PDFPage, font: PDFFont, y: number, cells: string[]): void {
  let x = MARGIN;
  COLUMNS.forEach((column, i) => {
    page.drawText(fitted(font, cells[i] ?? '', column.width - 4), { x, y, size: TEXT_SIZE, font });
    x += column.width;
  });
  page.drawLine({
    start: { x: MARGIN, y: y - 5 },
    end: { x: A4.width - MARGIN, y: y - 5 },
    thickness: 0.5,
    color: RULE,
  });
}

/** The PDF with the schedule appended as one or more A4 pages. */
export async function appendSchedulePages(pdf: Uint8Array, schedule: Schedule): Promise<Uint8Array> {
  // updateMetadata false: pdf-lib would otherwise stamp its own producer and dates into /Info.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const entries = schedule.entries;
  let index = 0;
  do {
    const page = doc.addPage([A4.width, A4.height]);
    let y = A4.height - MARGIN - TITLE_SIZE;
    page.drawText(index === 0 ? 'Redaction schedule' : 'Redaction schedule (continued)', {
      x: MARGIN,
      y,
      size: TITLE_SIZE,
      font: bold,
    });
    y -= ROW_HEIGHT * 1.5;
    if (index === 0) {
      const count = entries.length === 1 ? '1 redaction' : `${entries.length} redactions`;
      const summary = `${schedule.document}: ${count} on ${schedule.pages} pages.`;
      page.drawText(fitted(font, summary, A4.width - 2 * MARGIN), {
        x: MARGIN,
        y,
        size: TEXT_SIZE + 1,
        font,
      });
      y -= ROW_HEIGHT * 1.5;
    }
    drawRow(
      page,
      bold,
      y,
      COLUMNS.map((c) => c.title),
    );
    y -= ROW_HEIGHT;
    for (; index < entries.length && y > MARGIN; index++, y -= ROW_HEIGHT) {
      const entry = entries[index]!;
      drawRow(
        page,
        font,
        y,
        COLUMNS.map((c) => c.cell(entry)),
      );
    }
  } while (index < entries.length);
  return doc.save({ useObjectStreams: false });
}
