// REGIONS.json for `npm run redact -- … --regions REGIONS.json`: a list of regions such as
// [{ "page": 1, "x": 72, "y": 100, "width": 120, "height": 14, "label": "s40(2)" }] — points,
// origin top-left of the page as displayed. Checked field by field, and a mistake is reported
// in one sentence naming the region and the field, because a person wrote (or generated) it.
import { z } from 'zod';

const EXAMPLE = '[{ "page": 1, "x": 72, "y": 100, "width": 120, "height": 14, "label": "s40(2)" }]';

const coordinate = z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' });
const extent = coordinate.positive({ error: 'must be a number greater than 0' });

export const regionsFileSchema = z.array(
  z.strictObject({
    page: z
      .number({ error: 'must be a page number, 1 for the first page' })
      .int({ error: 'must be a whole page number' })
      .min(1, { error: 'must be 1 or more (pages are counted from 1)' }),
    x: coordinate,
    y: coordinate,
    width: extent,
    height: extent,
    label: z
      .string({ error: 'must be text, such as "s40(2)"' })
      .max(200, { error: 'must be 200 characters or fewer' })
      .optional(),
  }),
  { error: `must be a list of regions such as ${EXAMPLE}` },
);
export type RegionsFile = z.infer<typeof regionsFileSchema>;

export type RegionsResult = { ok: true; regions: RegionsFile } | { ok: false; reason: string };

function describe(issue: z.core.$ZodIssue, fileName: string): string {
  const [index, field] = issue.path;
  if (typeof index !== 'number') return `${fileName} ${issue.message}.`;
  const where = `${fileName}, region ${index + 1}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${where}: ${keys} is not a field of a region (use page, x, y, width, height and label).`;
  }
  if (field === undefined) return `${where} must be an object such as ${EXAMPLE.slice(1, -1)}.`;
  // A missing field arrives as "must be a number" with the value undefined: say it is missing.
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return `${where} has no "${String(field)}".`;
  return `${where}: "${String(field)}" ${issue.message}.`;
}

/** Parses and checks the text of a regions file. */
export function parseRegionsFile(text: string, fileName = 'REGIONS.json'): RegionsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${fileName} is not valid JSON; it should look like ${EXAMPLE}.` };
  }
  const parsed = regionsFileSchema.safeParse(json, { reportInput: true });
  if (parsed.success) return { ok: true, regions: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, reason: first ? describe(first, fileName) : `${fileName} is not a list of regions.` };
}
