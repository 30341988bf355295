// Marks on a document under review: comments with replies, ink, redactions proposed → agreed or
// rejected, edits by two people kept in the history, and what is still to do.
import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { exemptionsFor, exemptionTitle, isKnownExemption } from './exemptions';
import {
  agreedRedactions,
  describeReviewProgress,
  exemptionsFromReleaseCopies,
  reviewProgress,
} from './reviewProgress';
import { asCase, COPY_SHA, caseIn, NOW, principalOf, type RawEvent, raw, run } from './testing/journeys';

// The journeys' base already marks DOC_SHA; these tests use a document of their own.
const DOC_SHA = 'c'.repeat(64);
const addDocument = () =>
  raw(
    'document.added',
    { sha256: DOC_SHA, name: 'draft response.pdf', size: 5000, mime: 'application/pdf', kind: 'draft' },
    'cw',
  );
const box = { x: 72, y: 100, width: 120, height: 14 };
const propose = (id: string, by = 'cw', extra: Record<string, unknown> = {}) =>
  raw(
    'redaction.proposed',
    { redactionId: id, documentSha: DOC_SHA, page: 1, rects: [box], exemption: 's40(2)', ...extra },
    by,
  );
const comment = (id: string, by = 'cw', extra: Record<string, unknown> = {}) =>
  raw(
    'annotation.added',
    {
      annotationId: id,
      documentSha: DOC_SHA,
      page: 2,
      kind: 'comment',
      rects: [box],
      text: `Comment ${id}`,
      ...extra,
    },
    by,
  );

function withDocument(...events: RawEvent[]) {
  return asCase(run([addDocument(), ...events], caseIn('foi', 'in_clearance')));
}

function refusal(state: ReturnType<typeof withDocument>, event: RawEvent): string {
  const result = decide(state, event, principalOf(event.actor), { now: NOW });
  if (result.ok) throw new Error(`${event.type} was accepted`);
  return result.reason;
}

describe('marks', () => {
  it('keeps ink strokes with their pressure, and the colour', () => {
    const stroke = [
      { x: 1, y: 2, pressure: 0.4 },
      { x: 3, y: 5, pressure: 0.7 },
    ];
    const state = withDocument(
      raw(
        'annotation.added',
        {
          annotationId: 'ink1',
          documentSha: DOC_SHA,
          page: 3,
          kind: 'ink',
          strokes: [stroke],
          colour: '#d4351c',
        },
        'clo',
      ),
    );
    const ink = state.marks.find((m) => m.id === 'ink1');
    expect(ink?.strokes).toEqual([stroke]);
    expect(ink?.colour).toBe('#d4351c');
    expect(ink?.author).toBe('clo');
  });

  it('threads replies under a comment and refuses a reply to nothing', () => {
    const state = withDocument(comment('c1'), comment('c2', 'clo', { inReplyTo: 'c1' }));
    expect(state.marks.find((m) => m.id === 'c2')?.inReplyTo).toBe('c1');
    expect(refusal(state, comment('c3', 'clo', { inReplyTo: 'nope' }))).toMatch(/replied to/);
  });

  it('records who agreed a redaction and who rejected another, with the reason', () => {
    const state = withDocument(
      propose('y1'),
      propose('y2'),
      raw('redaction.agreed', { redactionId: 'y1' }, 'clo'),
      raw('redaction.rejected', { redactionId: 'y2', reason: 'Already published' }, 'clo'),
    );
    const [y1, y2] = ['y1', 'y2'].map((id) => state.marks.find((m) => m.id === id));
    expect(y1).toMatchObject({ status: 'agreed', author: 'cw', decidedBy: 'clo', rejectionReason: null });
    expect(y2).toMatchObject({ status: 'rejected', decidedBy: 'clo', rejectionReason: 'Already published' });
    expect(y2?.history.map((h) => [h.by, h.action])).toEqual([
      ['cw', 'redaction.proposed'],
      ['clo', 'redaction.rejected'],
    ]);
  });

  it('only lets a clearance officer or manager decide a redaction', () => {
    const state = withDocument(propose('y1'));
    expect(refusal(state, raw('redaction.agreed', { redactionId: 'y1' }, 'priya'))).toBeTruthy();
  });

  it('keeps two people’s edits of the same mark in its history and shows the later one', () => {
    const state = withDocument(
      comment('c1'),
      raw('annotation.edited', { annotationId: 'c1', text: 'Sam’s wording' }, 'cw'),
      raw('annotation.edited', { annotationId: 'c1', text: 'Clare’s wording' }, 'clo'),
    );
    const c1 = state.marks.find((m) => m.id === 'c1');
    expect(c1?.text).toBe('Clare’s wording');
    expect(c1?.history.map((h) => `${h.by}: ${h.detail}`)).toEqual([
      'cw: null',
      'cw: text "Sam’s wording"',
      'clo: text "Clare’s wording"',
    ]);
  });

  it('sends an agreed redaction back for a decision when someone moves it or changes its exemption', () => {
    const state = withDocument(
      propose('y1'),
      raw('redaction.agreed', { redactionId: 'y1' }, 'clo'),
      raw('annotation.edited', { annotationId: 'y1', exemption: 's43' }, 'cw'),
    );
    expect(state.marks.find((m) => m.id === 'y1')).toMatchObject({
      status: 'open',
      exemption: 's43',
      decidedBy: null,
    });
    const noteOnly = withDocument(
      propose('y1'),
      raw('redaction.agreed', { redactionId: 'y1' }, 'clo'),
      raw('annotation.edited', { annotationId: 'y1', note: 'Name of a junior official' }, 'cw'),
    );
    expect(noteOnly.marks.find((m) => m.id === 'y1')).toMatchObject({
      status: 'agreed',
      note: 'Name of a junior official',
    });
  });

  it('refuses an exemption on a comment', () => {
    const state = withDocument(comment('c1'));
    expect(refusal(state, raw('annotation.edited', { annotationId: 'c1', exemption: 's43' }, 'cw'))).toMatch(
      /Only redactions/,
    );
  });
});

describe('review progress', () => {
  it('counts what is left and says it in plain words', () => {
    const state = withDocument(
      propose('y1'),
      propose('y2'),
      propose('y3'),
      raw('redaction.agreed', { redactionId: 'y3' }, 'clo'),
      comment('c1'),
      comment('c2'),
      comment('r1', 'clo', { inReplyTo: 'c1' }),
      raw('annotation.resolved', { annotationId: 'c2' }, 'cw'),
      propose('y4'),
      raw('annotation.deleted', { annotationId: 'y4' }, 'cw'),
    );
    const progress = reviewProgress(state, DOC_SHA);
    expect(progress).toEqual({ toAgree: 2, agreed: 1, rejected: 0, unresolvedComments: 1 });
    expect(describeReviewProgress(progress)).toBe('2 proposed redactions to agree, 1 unresolved comment');
    expect(agreedRedactions(state, DOC_SHA).map((m) => m.id)).toEqual(['y3']);
    expect(describeReviewProgress({ toAgree: 0, agreed: 3, rejected: 1, unresolvedComments: 0 })).toBe(
      'Nothing left to agree: 3 redactions are ready to apply',
    );
  });

  it('collects the exemptions of release copies in the order of the Act', () => {
    const state = withDocument(
      raw(
        'document.redacted_copy_added',
        {
          originalSha: DOC_SHA,
          sha256: COPY_SHA,
          name: 'release.pdf',
          size: 900,
          schedule: [],
          exemptions: ['s43', 's40(2)', 'local rule'],
        },
        'clo',
      ),
    );
    expect(exemptionsFromReleaseCopies(state)).toEqual(['s40(2)', 's43', 'local rule']);
  });
});

describe('exemptions', () => {
  it('puts the law of the case first', () => {
    expect(exemptionsFor('eir')[0]?.code).toBe('reg 12(4)(a)');
    expect(exemptionsFor('sar').every((e) => e.regime === 'dpa')).toBe(true);
    expect(exemptionsFor('foi').map((e) => e.code)).toContain('s40(2)');
    expect(exemptionTitle('s42')).toBe('Legal professional privilege');
    expect(exemptionTitle('made up')).toBe('made up');
    expect(isKnownExemption('reg 13')).toBe(true);
  });
});
