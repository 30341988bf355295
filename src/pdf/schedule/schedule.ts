// The redaction schedule: the record, kept with the case and optionally appended to the
// release, of every redaction made — page, region, exemption label, who made it and when. It
// never holds the text that was removed (or the search that found it): the schedule travels
// with the release, and that text is what the redaction withholds.
import { z } from 'zod';

export const scheduleEntrySchema = z.object({
  /** 1-based, in the order the redactions were applied. */
  number: z.number().int().min(1),
  page: z.number().int().min(1),
  /** Points, origin top-left of the page as displayed (as the redactions themselves). */
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
  /** The exemption shown in the box, e.g. "s40(2)"; empty when the box carries no label. */
  label: z.string().max(200),
  /** How the region was chosen: drawn by a person, a text search, or a named pattern. */
  source: z.enum(['region', 'search', 'email', 'phone', 'nino', 'postcode', 'dob']),
  who: z.string().min(1).max(200),
  /** ISO 8601 instant. */
  when: z.iso.datetime({ offset: true }),
});
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;
export type ScheduleSource = ScheduleEntry['source'];

export const scheduleSchema = z.object({
  /** The file name of the redacted release, as a person would recognise it (no path). */
  document: z.string().max(500),
  pages: z.number().int().min(0),
  entries: z.array(scheduleEntrySchema),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export type ScheduledRedaction = {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label?: string;
  source: ScheduleSource;
};

/** A schedule for redactions made by one person at one time (the CLI; a bulk apply). */
export function buildSchedule(input: {
  document: string;
  pages: number;
  redactions: readonly ScheduledRedaction[];
  defaultLabel?: string;
  who: string;
  when: string;
}): Schedule {
  return scheduleSchema.parse({
    document: input.document,
    pages: input.pages,
    entries: input.redactions.map((r, i) => ({
      number: i + 1,
      page: r.page,
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
      label: r.label ?? input.defaultLabel ?? '',
      source: r.source,
      who: input.who,
      when: input.when,
    })),
  });
}
