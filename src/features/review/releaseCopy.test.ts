// Agreed redactions become the engine's regions, the schedule and the case's record; proposed,
// rejected and deleted ones never reach the release copy.
import { describe, expect, it } from 'vitest';
import { nameOf, raw } from '../../domain/testing/journeys';
import {
  engineRedactions,
  exemptionsUsed,
  releaseCopyName,
  releaseNotes,
  releaseSchedule,
  scheduleRecord,
} from './releaseCopy';
import { agree, marksOf, propose, reviewed } from './reviewFixture';

const two = [
  { x: 10, y: 20, width: 30, height: 12 },
  { x: 10, y: 34, width: 50, height: 12 },
];

function mixed() {
  return marksOf(
    reviewed(
      propose('late', 'priya', { page: 3, exemption: 's43' }),
      propose('early', 'cw', { page: 1, rects: two, exemption: 's40(2)', kind: 'search' }),
      propose('waiting', 'cw', { page: 2 }),
      propose('no', 'cw', { page: 2 }),
      propose('gone', 'cw', { page: 2 }),
      agree('late'),
      agree('early'),
      agree('gone'),
      raw('redaction.rejected', { redactionId: 'no', reason: 'Not personal data' }, 'clo'),
      raw('annotation.deleted', { annotationId: 'gone' }, 'cw'),
    ),
  );
}

describe('making the release copy', () => {
  it('sends the engine every rectangle of the agreed redactions only, in page order, labelled', () => {
    expect(engineRedactions(mixed())).toEqual([
      { page: 1, ...two[0], label: 's40(2)' },
      { page: 1, ...two[1], label: 's40(2)' },
      { page: 3, x: 72, y: 100, width: 120, height: 14, label: 's43' },
    ]);
  });

  it('leaves out a rectangle too thin to cover anything (the engine refuses it)', () => {
    const marks = marksOf(
      reviewed(
        propose('thin', 'cw', { rects: [{ x: 1, y: 1, width: 0, height: 10 }, ...two] }),
        agree('thin'),
      ),
    );
    expect(engineRedactions(marks)).toHaveLength(2);
  });

  it('schedules each region with its proposer and how it was found', () => {
    const schedule = releaseSchedule(mixed(), { document: 'x — release copy.pdf', pages: 3, nameOf });
    expect(schedule.entries.map((e) => [e.number, e.page, e.label, e.who, e.source])).toEqual([
      [1, 1, 's40(2)', 'Sam Case', 'search'],
      [2, 1, 's40(2)', 'Sam Case', 'search'],
      [3, 3, 's43', 'Priya Shah', 'region'],
    ]);
  });

  it('records one schedule entry per redaction and the exemptions in the catalogue order', () => {
    expect(scheduleRecord(mixed())).toEqual([
      { page: 1, label: 's40(2)', author: 'cw' },
      { page: 3, label: 's43', author: 'priya' },
    ]);
    expect(exemptionsUsed(mixed())).toEqual(['s40(2)', 's43']);
  });

  it('names the copy after the original', () => {
    expect(releaseCopyName('Draft response.PDF')).toBe('Draft response — release copy.pdf');
    expect(releaseCopyName('notes')).toBe('notes — release copy.pdf');
  });
});

describe('what to check before a release copy goes out', () => {
  const page = (n: number, fallback?: string) => ({
    page: n,
    regions: 1,
    glyphsRemoved: 3,
    imagesBlanked: 0,
    imagesRemoved: 0,
    inlineImagesRemoved: 0,
    pathsRemoved: 0,
    ...(fallback ? { fallback } : {}),
  });

  it('names each page made into an image, with why, then each font that may keep removed letters', () => {
    const notes = releaseNotes({
      pages: [page(1), page(2, 'its text is written vertically'), page(3)],
      fonts: ['The font ABCDEF+Gill may still hold the shapes of removed letters: it is a Type 1 font.'],
    });
    expect(notes).toEqual([
      'Page 2 was made into an image with the boxes burned in, because its text is written vertically. Its text outside the boxes can still be searched and copied.',
      'The font ABCDEF+Gill may still hold the shapes of removed letters: it is a Type 1 font.',
    ]);
  });

  it('has nothing to say when every page was edited and every font cleaned', () => {
    expect(releaseNotes({ pages: [page(1), page(2)] })).toEqual([]);
  });
});
