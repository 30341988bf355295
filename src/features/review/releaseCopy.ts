// From agreed redaction marks to what the release copy needs: the regions the engine removes
// (one per rectangle, labelled with the exemption), the schedule appended to the copy, and the
// `document.redacted_copy_added` record (schedule entries, exemptions used, the copy's name).
import { EXEMPTIONS, type Mark } from '../../domain';
import type { Redaction, RedactionReport } from '../../pdf/redaction/types';
import { type Schedule, type ScheduleSource, scheduleSchema } from '../../pdf/schedule';

// A rectangle this thin covers nothing a reader could see; the engine refuses zero-size regions.
const MIN_SIDE = 0.5;

const usableRects = (mark: Mark) => mark.rects.filter((r) => r.width >= MIN_SIDE && r.height >= MIN_SIDE);

/** Agreed redactions in page order, each keeping the order it was made in. */
function inPageOrder(marks: readonly Mark[]): Mark[] {
  return marks
    .filter((m) => m.kind === 'redaction' && m.status === 'agreed')
    .sort((a, b) => a.page - b.page || a.madeAt.localeCompare(b.madeAt));
}

/** Every usable rectangle of every agreed redaction, with the mark it belongs to. */
function regionsOf(marks: readonly Mark[]): (Redaction & { label: string; mark: Mark })[] {
  return inPageOrder(marks).flatMap((mark) =>
    usableRects(mark).map(({ x, y, width, height }) => ({
      page: mark.page,
      x,
      y,
      width,
      height,
      label: mark.exemption ?? '',
      mark,
    })),
  );
}

/** The engine's regions: every rectangle of every agreed redaction, labelled with its exemption. */
export function engineRedactions(marks: readonly Mark[]): Redaction[] {
  return regionsOf(marks).map(({ mark: _mark, ...region }) => region);
}

const SOURCE: Record<string, ScheduleSource> = { search: 'search' };

/** The schedule appended to the release copy: one row per region, with who proposed it and when. */
export function releaseSchedule(
  marks: readonly Mark[],
  input: { document: string; pages: number; nameOf: (userId: string) => string },
): Schedule {
  return scheduleSchema.parse({
    document: input.document,
    pages: input.pages,
    entries: regionsOf(marks).map(({ mark, ...region }, i) => ({
      number: i + 1,
      ...region,
      source: SOURCE[mark.subtype] ?? 'region',
      who: input.nameOf(mark.author),
      when: mark.madeAt,
    })),
  });
}

/** The case's record of the schedule: one entry per agreed redaction (page, exemption, author). */
export function scheduleRecord(marks: readonly Mark[]): { page: number; label: string; author: string }[] {
  return inPageOrder(marks)
    .filter((mark) => usableRects(mark).length > 0)
    .map((mark) => ({ page: mark.page, label: mark.exemption ?? '', author: mark.author }));
}

/** Exemptions the agreed redactions rely on, in the catalogue's order (unknown codes last). */
export function exemptionsUsed(marks: readonly Mark[]): string[] {
  const used = new Set(inPageOrder(marks).flatMap((m) => (m.exemption ? [m.exemption] : [])));
  const known = EXEMPTIONS.map((e) => e.code).filter((code) => used.has(code));
  return [...known, ...[...used].filter((code) => !known.includes(code)).sort()];
}

/** "draft response.pdf" → "draft response — release copy.pdf". */
export function releaseCopyName(original: string): string {
  const base = original.replace(/\.pdf$/i, '');
  return `${base} — release copy.pdf`;
}

/**
 * What the clearance officer should know about a release copy before it goes out: pages the
 * engine turned into images (their text outside the boxes stays searchable), and embedded fonts
 * that may still hold the shapes of removed letters.
 */
export function releaseNotes(report: Pick<RedactionReport, 'pages' | 'fonts'>): string[] {
  const imaged = report.pages.flatMap((page) =>
    page.fallback
      ? [
          `Page ${page.page} was made into an image with the boxes burned in, because ${page.fallback}. Its text outside the boxes can still be searched and copied.`,
        ]
      : [],
  );
  return [...imaged, ...(report.fonts ?? [])];
}
