// Fills a pre-approved letter template: {{placeholder}} names are replaced by the case's values.
// A name the case cannot fill stays visible in the text and is listed, so nobody sends a letter
// with a blank where the due date should be.
export const PLACEHOLDERS = {
  reference: 'The case reference, for example FOI-2026-00417',
  requester: 'The name of the person who asked',
  received: 'The date the request was received',
  due: 'The date the response is due',
  today: 'The date of the letter',
  request: 'What the person asked for',
  officer: 'The name of the person drafting',
  team: 'The team answering',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

export type TemplateValues = Partial<Record<string, string>>;

export type FilledTemplate = { text: string; missing: string[]; unknown: string[] };

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

function isKnown(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** Replaces every {{name}} that has a value; reports the names left unfilled. */
export function fillTemplate(template: string, values: TemplateValues): FilledTemplate {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value !== undefined && value.trim().length > 0) return value;
    if (isKnown(name)) missing.add(name);
    else unknown.add(name);
    return whole;
  });
  return { text, missing: [...missing], unknown: [...unknown] };
}

/** The placeholder names a template uses, in order of first use (for the library page). */
export function placeholdersIn(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) if (match[1]) names.add(match[1]);
  return [...names];
}

/** The values a case gives its templates; `dueDate` and `receivedDate` are accepted as aliases. */
export function caseTemplateValues(facts: {
  reference: string;
  requesterName: string;
  receivedOn: string;
  due: string | null;
  today: string;
  requestText: string;
  officerName: string;
  teamName?: string | undefined;
  formatDay: (day: string) => string;
}): TemplateValues {
  const received = facts.formatDay(facts.receivedOn);
  const due = facts.due ? facts.formatDay(facts.due) : undefined;
  return {
    reference: facts.reference,
    requester: facts.requesterName,
    received,
    receivedDate: received,
    due,
    dueDate: due,
    today: facts.formatDay(facts.today),
    request: facts.requestText,
    officer: facts.officerName,
    team: facts.teamName,
  };
}
