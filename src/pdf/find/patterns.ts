// Patterns of personal data that a reviewer usually redacts under s40 (personal information):
// e-mail addresses, UK phone numbers, National Insurance numbers, UK postcodes and dates of
// birth. Each finds [start, end) spans in a page's searchable text (white space collapsed, so a
// number broken across a line still matches). They lean towards finding too much: a proposal
// a person dismisses costs less than personal data released.
import { z } from 'zod';

export const patternNameSchema = z.enum(['email', 'phone', 'nino', 'postcode', 'dob']);
export type PatternName = z.infer<typeof patternNameSchema>;
export const PATTERN_NAMES = patternNameSchema.options;

export type Span = { start: number; end: number };

const spansOf = (text: string, pattern: RegExp, keep: (m: RegExpExecArray) => Span | null = whole): Span[] =>
  [...text.matchAll(pattern)].map(keep).filter((span): span is Span => span !== null);

function whole(m: RegExpExecArray): Span {
  return { start: m.index, end: m.index + m[0].length };
}

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;

// A candidate is "+44", "+44 (0)", "0" or "(0" and then digits with spaces, dashes and brackets
// between; it is kept if some prefix of it, ending on a digit, is a valid UK number: 10 or 11
// digits in national form, starting 01, 02, 03, 05, 07, 08 or 09.
const PHONE_CANDIDATE = /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[\d\s()-]{8,20}/g;
const UK_NATIONAL = /^0[1235789]\d{8,9}$/;

function nationalDigits(candidate: string): string {
  const digits = candidate.replace(/\D/g, '');
  if (!candidate.startsWith('+')) return digits;
  const rest = digits.slice(2); // after 44
  return rest.startsWith('0') ? rest : `0${rest}`;
}

function validPhone(m: RegExpExecArray): Span | null {
  const candidate = m[0];
  // Longest first: "020 7946 0958 and" stops at the letters, "020 7946 0958 2019" needs trimming.
  for (let end = candidate.length; end > 0; end--) {
    if (!/\d/.test(candidate[end - 1] ?? '')) continue;
    if (UK_NATIONAL.test(nationalDigits(candidate.slice(0, end))))
      return { start: m.index, end: m.index + end };
  }
  return null;
}

// HMRC's format: two prefix letters (not D, F, I, Q, U or V; the second not O either), six
// digits, a suffix A to D, often grouped "AB 12 34 56 C". Prefixes BG, GB, KN, NK, NT, TN and ZZ
// are never issued. QQ, HMRC's own example prefix, is accepted too: it is what sample and test
// documents use, and a real-looking NINO in a document should be redacted either way.
const NINO =
  /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ) ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi;
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

function validNino(m: RegExpExecArray): Span | null {
  return NEVER_ISSUED.has((m[1] ?? '').toUpperCase()) ? null : whole(m);
}

// The Royal Mail formats A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, and GIR 0AA.
const POSTCODE =
  /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;

// Dates of birth: a date in a common UK form — 12/03/1985, 12-03-85, 12.03.1985, 1985-03-12,
// 12 March 1985, 12th of Mar. 1985, March 12, 1985 — that comes within a few words after a cue:
// "born", "DOB", "D.O.B.", "date of birth", "birth date", "birthday". Only such dates: any date
// at all would redact every letter's date and every deadline, which a reviewer would not want.
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE = new RegExp(
  [
    '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})',
    '\\d{4}-\\d{2}-\\d{2}',
    `\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},? \\d{4}`,
    `${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
  ]
    .map((form) => `(?<![\\w/.-])${form}(?![\\w/-])`)
    .join('|'),
  'gi',
);
const BIRTH_CUE = /\b(?:born|d\.?o\.?b\b\.?|date of birth|birth ?date|birthday)/gi;
const CUE_REACH = 40; // characters between the end of the cue and the start of the date

function datesOfBirth(text: string): Span[] {
  const dates = spansOf(text, DATE);
  const found = new Map<number, Span>();
  for (const cue of text.matchAll(BIRTH_CUE)) {
    const cueEnd = cue.index + cue[0].length;
    // Only the first date after a cue is the birth date: "DOB 5/3/71. Reply due 1/4/25" is one.
    const date = dates.find((d) => d.start >= cueEnd);
    if (date && date.start - cueEnd <= CUE_REACH) found.set(date.start, date);
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

const FINDERS: Record<PatternName, (text: string) => Span[]> = {
  email: (text) => spansOf(text, EMAIL),
  phone: (text) => spansOf(text, PHONE_CANDIDATE, validPhone),
  nino: (text) => spansOf(text, NINO, validNino),
  postcode: (text) => spansOf(text, POSTCODE),
  dob: datesOfBirth,
};

/** Spans of `text` that match the named pattern, left to right. */
export function matchPattern(name: PatternName, text: string): Span[] {
  return FINDERS[name](text);
}
