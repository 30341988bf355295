// Builds the response letter to an information request as a PDF with pdf-lib: letterhead,
// reference, dates, the answer, the exemptions relied on with their section numbers, and the
// requester's rights (internal review, then the Information Commissioner). Pure: the caller
// passes every value, including the date of the letter; no clock, no DOM, no I/O.
import { format, parseISO } from 'date-fns';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-04');

export const letterOutcomeSchema = z.enum(['granted_in_full', 'granted_in_part', 'refused', 'not_held']);
export type LetterOutcome = z.infer<typeof letterOutcomeSchema>;

export const responseLetterSchema = z.object({
  organisation: z.object({
    name: z.string().min(1),
    addressLines: z.array(z.string()),
    /** Where requesters write for an internal review. */
    reviewContact: z.string().min(1),
  }),
  reference: z.string().min(1),
  requesterName: z.string().min(1),
  /** Postal address lines or an e-mail address, as the request gave them. */
  requesterContact: z.array(z.string()),
  letterDate: isoDate,
  receivedOn: isoDate,
  /** What the person asked for, quoted back to them. */
  requestText: z.string(),
  outcome: letterOutcomeSchema,
  /** The answer itself: paragraphs separated by blank lines. */
  answer: z.string().min(1),
  /** Each with the law that gives it, so FOIA sections and EIR regulations are named rightly. */
  exemptions: z.array(
    z.object({
      section: z.string().min(1),
      title: z.string().min(1),
      law: z.string().min(1).default('Freedom of Information Act 2000'),
    }),
  ),
  signOff: z.object({ name: z.string().min(1), role: z.string() }),
  /** Working days after the letter within which an internal review may be asked for. */
  reviewWindowWorkingDays: z.number().int().positive().default(40),
});
export type ResponseLetter = z.input<typeof responseLetterSchema>;

/** "s40(2)" → "Section 40(2)", "reg 12(4)(a)" → "Regulation 12(4)(a)"; anything else as recorded. */
function provisionName(code: string): string {
  const section = /^s(?:ection)?\s*(\d.*)$/i.exec(code);
  if (section) return `Section ${section[1]}`;
  const regulation = /^reg(?:ulation)?\s*(\d.*)$/i.exec(code);
  if (regulation) return `Regulation ${regulation[1]}`;
  return code;
}

const OUTCOME_SENTENCES = {
  granted_in_full: 'We hold the information you asked for and it is set out below.',
  granted_in_part:
    'We hold the information you asked for. We are giving you some of it; the rest is withheld for the reasons below.',
  refused: 'We hold the information you asked for, but we are withholding it for the reasons below.',
  not_held: 'We do not hold the information you asked for.',
} as const satisfies Record<LetterOutcome, string>;

const ICO_ADDRESS =
  "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, or online at ico.org.uk/make-a-complaint.";

const PAGE = { width: 595.28, height: 841.89, margin: 64 } as const; // A4 in points
const SIZE = { body: 11, heading: 13, letterhead: 18, small: 9 } as const;
const LEADING = 1.35;

function longDate(day: string): string {
  return format(parseISO(day), 'd MMMM yyyy');
}

// The standard fonts only draw Windows-1252; swap the common typographic characters for their
// plain equivalents and anything else for "?", rather than failing the whole letter.
const REPLACEMENTS: Record<string, string> = { '\u2192': '->', '\u2713': 'v', '\u00a0': ' ', '\t': '    ' };
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    const swapped = REPLACEMENTS[ch] ?? ch;
    try {
      font.encodeText(swapped);
      out += swapped;
    } catch {
      out += '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    let line = '';
    for (const word of paragraphLine.split(/ +/)) {
      const candidate = line.length === 0 ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width || line.length === 0) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

type Pen = { doc: PDFDocument; page: PDFPage; y: number; regular: PDFFont; bold: PDFFont };

function newPage(pen: Pen): void {
  pen.page = pen.doc.addPage([PAGE.width, PAGE.height]);
  pen.y = PAGE.height - PAGE.margin;
}

function write(pen: Pen, text: string, options: { size?: number; isBold?: boolean; gapAfter?: number } = {}) {
  const size = options.size ?? SIZE.body;
  const font = options.isBold ? pen.bold : pen.regular;
  for (const line of wrap(font, size, drawable(font, text), PAGE.width - 2 * PAGE.margin)) {
    if (pen.y - size < PAGE.margin) newPage(pen);
    pen.page.drawText(line, { x: PAGE.margin, y: pen.y - size, size, font, color: rgb(0.04, 0.05, 0.05) });
    pen.y -= size * LEADING;
  }
  pen.y -= options.gapAfter ?? size * 0.8;
}

function writeParagraphs(pen: Pen, text: string): void {
  for (const paragraph of text.split(/\n\s*\n/)) if (paragraph.trim()) write(pen, paragraph.trim());
}

/** The letter as PDF bytes. Throws a zod error if a required value is missing. */
export async function buildResponseLetter(input: ResponseLetter): Promise<Uint8Array> {
  const letter = responseLetterSchema.parse(input);
  const doc = await PDFDocument.create();
  doc.setTitle(`Response to your request ${letter.reference}`);
  doc.setAuthor(letter.organisation.name);
  doc.setSubject(`Freedom of Information response ${letter.reference}`);
  // Fixed dates keep the bytes the same for the same letter (the letter date is the caller's).
  const stamp = parseISO(letter.letterDate);
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  doc.setProducer('Clearway');
  doc.setCreator('Clearway');
  const pen: Pen = {
    doc,
    page: doc.addPage([PAGE.width, PAGE.height]),
    y: PAGE.height - PAGE.margin,
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };

  // Letterhead: the organisation, a rule, then its address.
  write(pen, letter.organisation.name, { size: SIZE.letterhead, isBold: true, gapAfter: 4 });
  pen.page.drawRectangle({
    x: PAGE.margin,
    y: pen.y,
    width: PAGE.width - 2 * PAGE.margin,
    height: 2,
    color: rgb(0.11, 0.44, 0.72),
  });
  pen.y -= 12;
  for (const line of letter.organisation.addressLines) write(pen, line, { size: SIZE.small, gapAfter: 0 });
  pen.y -= 18;

  for (const line of [letter.requesterName, ...letter.requesterContact]) write(pen, line, { gapAfter: 0 });
  pen.y -= 14;
  write(pen, `Our reference: ${letter.reference}`, { gapAfter: 0 });
  write(pen, `Date: ${longDate(letter.letterDate)}`, { gapAfter: 0 });
  write(pen, `Your request received: ${longDate(letter.receivedOn)}`);
  pen.y -= 6;

  write(pen, `Dear ${letter.requesterName},`);
  write(pen, `Freedom of Information request ${letter.reference}`, { size: SIZE.heading, isBold: true });
  write(
    pen,
    `Thank you for your request for information, which we received on ${longDate(letter.receivedOn)}. We have handled it under the Freedom of Information Act 2000.`,
  );
  if (letter.requestText.trim()) {
    write(pen, 'You asked for:', { isBold: true, gapAfter: 2 });
    writeParagraphs(pen, letter.requestText);
  }
  write(pen, 'Our response', { size: SIZE.heading, isBold: true });
  write(pen, OUTCOME_SENTENCES[letter.outcome]);
  writeParagraphs(pen, letter.answer);

  if (letter.exemptions.length > 0) {
    write(pen, 'Information we are withholding', { size: SIZE.heading, isBold: true });
    const laws = [...new Set(letter.exemptions.map((e) => e.law))];
    for (const law of laws) {
      write(pen, `We are relying on these exemptions in the ${law}:`, { gapAfter: 2 });
      for (const exemption of letter.exemptions.filter((e) => e.law === law)) {
        write(pen, `- ${provisionName(exemption.section)}: ${exemption.title}`, { gapAfter: 2 });
      }
    }
    pen.y -= 8;
  }

  write(pen, 'Your right to ask for a review and to complain', { size: SIZE.heading, isBold: true });
  write(
    pen,
    `If you are unhappy with how we handled your request, you can ask us for an internal review. Write to ${letter.organisation.reviewContact} within ${letter.reviewWindowWorkingDays} working days of the date of this letter, quoting ${letter.reference}.`,
  );
  write(
    pen,
    `If you are still unhappy after the internal review, you can complain to the Information Commissioner: ${ICO_ADDRESS}`,
  );
  write(pen, 'Yours sincerely,', { gapAfter: 18 });
  write(pen, letter.signOff.name, { isBold: true, gapAfter: 0 });
  if (letter.signOff.role) write(pen, letter.signOff.role, { gapAfter: 0 });
  write(pen, letter.organisation.name);

  // Page numbers last, once the number of pages is known.
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    page.drawText(`${letter.reference} - page ${index + 1} of ${pages.length}`, {
      x: PAGE.margin,
      y: PAGE.margin / 2,
      size: SIZE.small,
      font: pen.regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
  return doc.save();
}
