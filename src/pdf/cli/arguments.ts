// The command line of `npm run redact`, exactly as other tools call it:
//   IN.pdf OUT.pdf [--search TEXT]... [--pattern NAME]... [--regions REGIONS.json]
//                  [--label TEXT] [--password PW] [--schedule SCHEDULE.json]
// Parsed with node:util and checked with zod; a mistake is one plain sentence.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PATTERN_NAMES, patternNameSchema } from '../find';

export const USAGE =
  'npm run redact -- IN.pdf OUT.pdf [--search TEXT]... [--pattern email|phone|nino|postcode|dob]... ' +
  '[--regions REGIONS.json] [--label TEXT] [--password PW] [--schedule SCHEDULE.json]';

const requestSchema = z.object({
  input: z.string().min(1),
  output: z.string().min(1),
  searches: z.array(z.string()),
  patterns: z.array(patternNameSchema),
  regionsFile: z.string().min(1).optional(),
  label: z.string().max(200).optional(),
  password: z.string().optional(),
  scheduleFile: z.string().min(1).optional(),
});
export type CliRequest = z.infer<typeof requestSchema>;

export type ParsedArguments = { ok: true; request: CliRequest } | { ok: false; reason: string };

const plainList = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

export function parseArguments(argv: readonly string[]): ParsedArguments {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(--?[^']+)'/.exec(message)?.[1];
    return {
      ok: false,
      reason: option
        ? `The option ${option} is not known or is missing its value; usage: ${USAGE}.`
        : `The command line could not be read; usage: ${USAGE}.`,
    };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) {
    return { ok: false, reason: `Give the input PDF and the output PDF, in that order; usage: ${USAGE}.` };
  }
  const [input, output] = positionals as [string, string];
  const unknown = (values.pattern ?? []).find((name) => !patternNameSchema.safeParse(name).success);
  if (unknown !== undefined) {
    return { ok: false, reason: `There is no pattern "${unknown}"; use ${plainList(PATTERN_NAMES)}.` };
  }
  const searches = values.search ?? [];
  if (searches.some((s) => s.trim() === ''))
    return { ok: false, reason: 'A --search needs some text to look for.' };
  if (searches.length === 0 && (values.pattern ?? []).length === 0 && values.regions === undefined) {
    return { ok: false, reason: 'Say what to redact with --search, --pattern or --regions.' };
  }
  return {
    ok: true,
    request: requestSchema.parse({
      input,
      output,
      searches,
      patterns: values.pattern ?? [],
      regionsFile: values.regions,
      label: values.label,
      password: values.password,
      scheduleFile: values.schedule,
    }),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      search: { type: 'string', multiple: true },
      pattern: { type: 'string', multiple: true },
      regions: { type: 'string' },
      label: { type: 'string' },
      password: { type: 'string' },
      schedule: { type: 'string' },
    },
  });
}
