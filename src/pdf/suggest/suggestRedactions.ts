// Suggested redactions for the review tool: personal data found by the engine's patterns
// (e-mail addresses, phone numbers, National Insurance numbers, postcodes, dates of birth) and
// the names of the case's own people (the requester and third parties named) in the forms a
// letter uses them: "Jane Smith", "Jane A. Smith", "J. Smith", "Mrs Smith", and "Smith" alone
// when written with a capital. Each is a proposal a person accepts or ignores, in page order,
// with the reason in plain words (whose name it is) and, for a person, the exemption their
// details fall under when the caller gives one; a name inside an e-mail address already
// suggested is not suggested twice.
import { matchPattern, PATTERN_NAMES, type PatternName } from '../find';
import { type Finding, regionsOf, type SearchablePage } from '../find/pageText';

export type Suggestion = {
  finding: Finding;
  reason: string;
  kind: 'pattern' | 'person';
  /** The exemption to propose it under; when absent, the one the reviewer chose for new redactions. */
  exemption?: string;
};
/** Someone named on the case; `exemption` is what their name is redacted under (e.g. s40(2)). */
export type CasePerson = { name: string; role: string; exemption?: string };

export const PATTERN_REASONS: Record<PatternName, string> = {
  email: 'E-mail address',
  phone: 'Phone number',
  nino: 'National Insurance number',
  postcode: 'Postcode',
  dob: 'Date of birth',
};

const TITLES = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lady',
  'lord',
  'rev',
  'cllr',
];

type Span = { start: number; end: number; reason: string; kind: Suggestion['kind']; exemption?: string };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Apostrophes and hyphens are written several ways: O'Brien, O’Brien; Brown-Jones, Brown–Jones.
const flexible = (word: string) =>
  escapeRegex(word)
    .replace(/['’‘]/g, "['’‘]")
    .replace(/[-‐‑–]/g, '[-‐‑–]');
const wordRegex = (body: string, flags: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, flags);

/** Name parts of two letters or more: initials and one-letter parts never match on their own. */
function partsOf(name: string): string[] {
  return name
    .trim()
    .split(/\s+/u)
    .map((p) => p.replace(/^[.,]+|[.,]+$/gu, ''))
    .filter((p) => p !== '');
}

function roleWords(role: string): string {
  const bare = role.trim().replace(/^(the|a|an)\s+/iu, '');
  return bare === '' ? 'someone named in the case' : `the ${bare}`;
}

/** A way a person's name is written; `capital` forms count only when written with a capital. */
type NameForm = { regex: RegExp; capital: boolean };

function personForms(person: CasePerson): NameForm[] {
  const parts = partsOf(person.name);
  const long = parts.filter((p) => p.replace(/\P{L}/gu, '').length >= 2);
  if (long.length === 0) return [];
  const surname = flexible(long.at(-1)!);
  const first = long.length > 1 ? long[0]! : undefined;
  const sp = '\\s+';
  const form = (body: string, capital = false) => ({ regex: wordRegex(body, 'giu'), capital });
  const full = parts.map(flexible).join(sp);
  const title = `(?:${TITLES.join('|')})\\.?${sp}`;
  // The full name with a title before it is one name: "Ms Priya Nair", not "Priya Nair" alone.
  const forms: NameForm[] = [form(`${title}${full}`), form(full)];
  if (first) {
    // First name and surname with a middle name or initial between (written with a capital).
    forms.push(form(`${flexible(first)}${sp}(?<middle>[\\p{L}][\\p{L}'’-]*\\.?)${sp}${surname}`));
    forms.push(form(`${flexible(first)}${sp}${surname}`));
    forms.push(form(`${escapeRegex(first[0]!)}\\.?${sp}${surname}`, true));
  }
  forms.push(form(`${title}${surname}`));
  // The surname alone only as a name is written, with a capital: not "brown" in "brown paper".
  forms.push(form(surname, true));
  return forms;
}

const startsUpper = (s: string | undefined) => s === undefined || /^\p{Lu}/u.test(s);

function spansOnPage(page: SearchablePage, people: readonly CasePerson[]): Span[] {
  const spans: Span[] = [];
  for (const name of PATTERN_NAMES) {
    for (const s of matchPattern(name, page.text))
      spans.push({ ...s, reason: PATTERN_REASONS[name], kind: 'pattern' });
  }
  for (const person of people) {
    const reason = `Name of ${roleWords(person.role)}, ${person.name.trim()}`;
    const exemption = person.exemption ? { exemption: person.exemption } : {};
    for (const { regex, capital } of personForms(person)) {
      for (const m of page.text.matchAll(regex)) {
        if (capital && !startsUpper(m[0])) continue;
        if (!startsUpper(m.groups?.middle)) continue;
        spans.push({ start: m.index, end: m.index + m[0].length, reason, kind: 'person', ...exemption });
      }
    }
  }
  // Longest first at each start, then drop any span inside one already kept: "Mrs Smith" once,
  // not also "Smith"; a name inside an e-mail address stays the e-mail address.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) {
    if (kept.some((k) => k.start <= span.start && span.end <= k.end)) continue;
    kept.push(span);
  }
  return kept;
}

/** Suggestions on every page, in page order and reading order within a page. */
export function suggestRedactions(
  pages: readonly SearchablePage[],
  people: readonly CasePerson[],
): Suggestion[] {
  const sorted = [...pages].sort((a, b) => a.page - b.page);
  return sorted.flatMap((page) =>
    spansOnPage(page, people).flatMap((span) =>
      regionsOf(page, span.start, span.end).map((finding) => ({
        finding,
        reason: span.reason,
        kind: span.kind,
        ...(span.exemption ? { exemption: span.exemption } : {}),
      })),
    ),
  );
}
