// A case in clearance with a document under review, built the real way (events folded by the
// domain's decide as their authors), for the review tool's tests of its pure parts.
import { type CaseState, marksOn } from '../../domain';
import { asCase, caseIn, type RawEvent, raw, run } from '../../domain/testing/journeys';

export const DOC = 'c'.repeat(64);
export const BOX = { x: 72, y: 100, width: 120, height: 14 };

export const addDocument = () =>
  raw(
    'document.added',
    { sha256: DOC, name: 'draft response.pdf', size: 5000, mime: 'application/pdf', kind: 'draft' },
    'cw',
  );

export const propose = (id: string, by: string, extra: Record<string, unknown> = {}) =>
  raw(
    'redaction.proposed',
    { redactionId: id, documentSha: DOC, page: 1, rects: [BOX], exemption: 's40(2)', ...extra },
    by,
  );

export const annotate = (id: string, by: string, extra: Record<string, unknown> = {}) =>
  raw(
    'annotation.added',
    {
      annotationId: id,
      documentSha: DOC,
      page: 1,
      kind: 'comment',
      rects: [BOX],
      text: `Comment ${id}`,
      ...extra,
    },
    by,
  );

export const agree = (id: string, by = 'clo') => raw('redaction.agreed', { redactionId: id }, by);

/** The case with the document and the given events, each at its own minute so order is visible. */
export function reviewed(...events: RawEvent[]): CaseState {
  const timed = events.map((e, i) => ({ ...e, madeAt: `2026-03-10T12:${String(i).padStart(2, '0')}:00Z` }));
  return asCase(run([addDocument(), ...timed], caseIn('foi', 'in_clearance')));
}

/** The marks on the document under review (the journeys' base marks another document). */
export const marksOf = (state: CaseState) => marksOn(state, DOC);
