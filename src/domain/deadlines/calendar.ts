// The bank-holiday calendar: the gov.uk lists for England and Wales, Scotland and Northern
// Ireland shipped with the app (data/uk-bank-holidays.json, Open Government Licence v3.0), plus
// days an administrator adds when a new holiday is proclaimed. Its `version` is stamped on every
// computed deadline, so open cases can be recomputed when the calendar changes (DEADLINES.md §0.7).
import { z } from 'zod';
import { type IsoDate, isoDateSchema } from './civilDate';
import shippedHolidays from './data/uk-bank-holidays.json';

export const regionSchema = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
export type Region = z.infer<typeof regionSchema>;
export const REGIONS = regionSchema.options;

export const REGION_NAMES = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
} as const satisfies Record<Region, string>;

const holidayEntrySchema = z.object({
  date: isoDateSchema,
  title: z.string().min(1),
  substitute: z.boolean(),
});
const holidayFileSchema = z.object({
  source: z.string(),
  divisions: z.object({
    'england-and-wales': z.array(holidayEntrySchema),
    scotland: z.array(holidayEntrySchema),
    'northern-ireland': z.array(holidayEntrySchema),
  }),
});

/** A day an administrator adds after a proclamation (e.g. a State Funeral announced ten days ahead). */
export const extraDaySchema = z.object({
  date: isoDateSchema,
  title: z.string().trim().min(1, 'Give the holiday a name'),
  regions: z.array(regionSchema).min(1, 'Choose at least one part of the UK'),
});
export type ExtraDay = z.infer<typeof extraDaySchema>;
/** What an administrator's event carries, before validation. */
export type ExtraDayInput = { date: string; title: string; regions: readonly Region[] };

export interface Calendar {
  /** Changes whenever the days change; store it beside every deadline worked out with this calendar. */
  readonly version: string;
  readonly baseVersion: string;
  readonly holidays: Readonly<Record<Region, ReadonlyMap<IsoDate, string>>>;
  readonly extraDays: readonly ExtraDay[];
  /** The last date the shipped list covers; after it only added days are known. */
  readonly coversThrough: IsoDate;
}

const sourceVersion = (source: string): string => {
  const commit = /@\s*([0-9a-f]{8})/.exec(source)?.[1];
  return commit ? `govuk-${commit}` : 'govuk';
};

const buildShipped = (): Calendar => {
  const file = holidayFileSchema.parse(shippedHolidays);
  const holidays = Object.fromEntries(
    REGIONS.map((r) => [r, new Map(file.divisions[r].map((h) => [h.date, h.title] as const))]),
  ) as Record<Region, Map<IsoDate, string>>;
  const all = REGIONS.flatMap((r) => file.divisions[r].map((h) => h.date)).sort();
  const lastYear = (all.at(-1) ?? '1970').slice(0, 4);
  const version = sourceVersion(file.source);
  return {
    version,
    baseVersion: version,
    holidays,
    extraDays: [],
    coversThrough: isoDateSchema.parse(`${lastYear}-12-31`),
  };
};

/** The calendar shipped with the app. */
export const shippedCalendar: Calendar = buildShipped();

// FNV-1a: a short, stable fingerprint of the added days; enough to tell two calendars apart.
const fingerprint = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};

// Plain code-unit order, not localeCompare: every device must sort the same way to agree on the version.
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const canonical = (days: readonly ExtraDay[]): ExtraDay[] =>
  days
    .map((d) => ({ ...d, regions: [...new Set(d.regions)].sort() }))
    .sort(
      (a, b) =>
        byCodeUnits(a.date, b.date) ||
        byCodeUnits(a.title, b.title) ||
        byCodeUnits(a.regions.join(), b.regions.join()),
    );

/**
 * `base` plus the days an administrator has added. Adding to a calendar that already has added
 * days keeps them; the version depends only on the shipped data and the set of added days, so two
 * devices that hold the same days agree on it whatever order the days arrived in.
 */
export const calendarWithExtraDays = (base: Calendar, extra: readonly ExtraDayInput[]): Calendar => {
  const days = canonical([...base.extraDays, ...z.array(extraDaySchema).parse(extra)]);
  const unique = days.filter((d, i) => i === 0 || JSON.stringify(d) !== JSON.stringify(days[i - 1]));
  const holidays = Object.fromEntries(
    REGIONS.map((r) => {
      const map = new Map(base.holidays[r]);
      for (const d of unique) if (d.regions.includes(r) && !map.has(d.date)) map.set(d.date, d.title);
      return [r, map];
    }),
  ) as Record<Region, Map<IsoDate, string>>;
  return {
    version:
      unique.length === 0 ? base.baseVersion : `${base.baseVersion}+${fingerprint(JSON.stringify(unique))}`,
    baseVersion: base.baseVersion,
    holidays,
    extraDays: unique,
    coversThrough: base.coversThrough,
  };
};
