// Reads the directory of policy areas, teams and people from a CSV file (the spreadsheet the
// team used to keep by hand). Every row is checked; problems are reported by line so the
// administrator can fix the file, and nothing is imported until the whole file is clean.
import { z } from 'zod';
import type { PayloadOf } from '../../domain/events/catalogue';
import { directoryImportedSchema } from '../../domain/events/orgPayloads';

export const DIRECTORY_COLUMNS = ['policy_area', 'team', 'user_id', 'name', 'email', 'subjects'] as const;

export const directoryRowSchema = z.object({
  policyArea: z.string().trim().min(1, 'policy_area is empty'),
  team: z.string().trim().min(1, 'team is empty'),
  userId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/i, 'user_id must be letters, numbers, dots or dashes (no spaces)'),
  name: z.string().trim().min(1, 'name is empty'),
  email: z.email('email is not an e-mail address'),
  /** Subjects this person answers on; feeds owner suggestions at allocation. */
  subjects: z.array(z.string().trim().min(1)),
});
export type DirectoryRow = z.infer<typeof directoryRowSchema>;

export type CsvLineError = { line: number; message: string };
export type DirectoryImport = { ok: true; rows: DirectoryRow[] } | { ok: false; errors: CsvLineError[] };

/** RFC 4180 records with the line each starts on (a quoted field may span lines). */
export function parseCsvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (inQuotes) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field.length > 0 || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records.filter((r) => r.fields.some((f) => f.trim().length > 0));
}

function headerIndexes(header: string[]): Record<(typeof DIRECTORY_COLUMNS)[number], number> | string {
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = DIRECTORY_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return `The first line must name the columns ${DIRECTORY_COLUMNS.join(', ')}. Missing: ${missing.join(', ')}.`;
  }
  return Object.fromEntries(DIRECTORY_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof DIRECTORY_COLUMNS)[number],
    number
  >;
}

export function parseDirectoryCsv(text: string): DirectoryImport {
  const records = parseCsvRecords(text);
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: [{ line: 1, message: 'The file is empty.' }] };
  const at = headerIndexes(header.fields);
  if (typeof at === 'string') return { ok: false, errors: [{ line: header.line, message: at }] };
  if (body.length === 0)
    return { ok: false, errors: [{ line: 2, message: 'The file has no people in it.' }] };

  const errors: CsvLineError[] = [];
  const rows: DirectoryRow[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    const cell = (column: (typeof DIRECTORY_COLUMNS)[number]) => record.fields[at[column]] ?? '';
    const parsed = directoryRowSchema.safeParse({
      policyArea: cell('policy_area'),
      team: cell('team'),
      userId: cell('user_id'),
      name: cell('name'),
      email: cell('email').trim(),
      subjects: cell('subjects')
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    });
    if (!parsed.success) {
      errors.push({ line: record.line, message: parsed.error.issues.map((i) => i.message).join('; ') });
      continue;
    }
    const key = `${parsed.data.team.toLowerCase()}\u0000${parsed.data.userId.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({
        line: record.line,
        message: `${parsed.data.userId} is already in ${parsed.data.team} on line ${earlier}`,
      });
      continue;
    }
    seen.set(key, record.line);
    rows.push(parsed.data);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export type DirectoryTree = {
  policyArea: string;
  teams: { team: string; people: DirectoryRow[] }[];
}[];

/** Policy areas → teams → people, alphabetical, for the directory page and the allocation picker. */
export function directoryTree(rows: readonly DirectoryRow[]): DirectoryTree {
  const areas = new Map<string, Map<string, DirectoryRow[]>>();
  for (const row of rows) {
    const teams = areas.get(row.policyArea) ?? new Map<string, DirectoryRow[]>();
    areas.set(row.policyArea, teams);
    teams.set(row.team, [...(teams.get(row.team) ?? []), row]);
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');
  return [...areas.keys()].sort(byName).map((policyArea) => {
    const teams = areas.get(policyArea) ?? new Map<string, DirectoryRow[]>();
    return {
      policyArea,
      teams: [...teams.keys()].sort(byName).map((team) => ({
        team,
        people: [...(teams.get(team) ?? [])].sort((a, b) => byName(a.name, b.name)),
      })),
    };
  });
}

/** A stable id from a name: "Waste & recycling" → "waste-recycling". */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'unnamed';
}

/**
 * The `directory.imported` payload for a clean file: ids from names, so importing the same
 * spreadsheet again keeps every id (and every allocation that points at one) the same. A
 * team's id includes its policy area, because two divisions may both have a "Policy" team.
 */
export function directoryPayload(
  rows: readonly DirectoryRow[],
  fileName?: string,
): PayloadOf<'directory.imported'> {
  const areas = new Map<string, { policyAreaId: string; name: string; keywords: Set<string> }>();
  const teams = new Map<string, { teamId: string; name: string; policyAreaId: string }>();
  const people = new Map<string, { userId: string; name: string; email: string; teamIds: Set<string> }>();
  for (const row of rows) {
    const policyAreaId = slugOf(row.policyArea);
    const area = areas.get(policyAreaId) ?? {
      policyAreaId,
      name: row.policyArea,
      keywords: new Set<string>(),
    };
    for (const subject of row.subjects) area.keywords.add(subject.toLowerCase());
    areas.set(policyAreaId, area);
    const teamId = `${policyAreaId}--${slugOf(row.team)}`.slice(0, 80);
    teams.set(teamId, { teamId, name: row.team, policyAreaId });
    const person = people.get(row.userId) ?? {
      userId: row.userId,
      name: row.name,
      email: row.email,
      teamIds: new Set(),
    };
    person.teamIds.add(teamId);
    people.set(row.userId, person);
  }
  return directoryImportedSchema.parse({
    ...(fileName ? { fileName } : {}),
    policyAreas: [...areas.values()].map((a) => ({ ...a, keywords: [...a.keywords] })),
    teams: [...teams.values()],
    people: [...people.values()].map((p) => ({ ...p, teamIds: [...p.teamIds] })),
  });
}
