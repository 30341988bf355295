import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdftotext, qpdfCheck } from '../testing/oracles';
import { appendSchedulePages, buildSchedule, type ScheduledRedaction, scheduleSchema } from './index';

const WHEN = '2026-11-21T23:45:00.000Z';

const region = (page: number, label?: string): ScheduledRedaction => ({
  page,
  x: 72.4,
  y: 100.6,
  width: 120,
  height: 14,
  source: 'region',
  ...(label ? { label } : {}),
});

async function release(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage().drawText(`Release page ${i}`, { x: 50, y: 700, font });
  return doc.save();
}

describe('the redaction schedule', () => {
  it('records page, region, label (or the default), who and when, and survives a JSON round trip', () => {
    const schedule = buildSchedule({
      document: 'response.pdf',
      pages: 3,
      redactions: [region(1, 's40(2)'), region(3)],
      defaultLabel: 's43',
      who: 'Priya Patel',
      when: WHEN,
    });
    expect(schedule.entries).toEqual([
      {
        number: 1,
        page: 1,
        x: 72.4,
        y: 100.6,
        width: 120,
        height: 14,
        label: 's40(2)',
        source: 'region',
        who: 'Priya Patel',
        when: WHEN,
      },
      {
        number: 2,
        page: 3,
        x: 72.4,
        y: 100.6,
        width: 120,
        height: 14,
        label: 's43',
        source: 'region',
        who: 'Priya Patel',
        when: WHEN,
      },
    ]);
    expect(scheduleSchema.parse(JSON.parse(JSON.stringify(schedule)))).toEqual(schedule);
  });

  it('rejects an entry without a time or with an empty region', () => {
    const good = buildSchedule({
      document: 'r.pdf',
      pages: 1,
      redactions: [region(1)],
      who: 'A',
      when: WHEN,
    });
    const entry = good.entries[0]!;
    expect(scheduleSchema.safeParse({ ...good, entries: [{ ...entry, when: 'yesterday' }] }).success).toBe(
      false,
    );
    expect(scheduleSchema.safeParse({ ...good, entries: [{ ...entry, width: 0 }] }).success).toBe(false);
  });

  it('appends a readable table to the release, continuing on more pages when long', async () => {
    const redactions = Array.from({ length: 70 }, (_, i) =>
      region((i % 2) + 1, i === 0 ? 's40(2)' : undefined),
    );
    const schedule = buildSchedule({
      document: 'response.pdf',
      pages: 2,
      redactions,
      who: 'Priya Patel',
      when: WHEN,
    });
    const pdf = await appendSchedulePages(await release(2), schedule);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(4); // 2 release pages + at least 2 of schedule
    const { text } = await pdftotext(pdf);
    expect(text).toContain('Release page 2');
    expect(text).toContain('Redaction schedule');
    expect(text).toContain('response.pdf: 70 redactions on 2 pages.');
    expect(text).toContain('Redaction schedule (continued)');
    expect(text).toContain('s40(2)');
    expect(text).toContain('Priya Patel');
    expect(text).toContain('21 Nov 2026, 23:45');
    expect(text).toContain('72, 101; 120 x 14');
    for (const n of [1, 35, 70]) expect(text).toMatch(new RegExp(`(^|\\s)${n}\\s`));
    expect((await qpdfCheck(pdf)).ok).toBe(true);
  });
});
