import { describe, expect, it } from 'vitest';
import { foldPending, type OverlayReducer, stillInFlight } from './overlay';
import { type OutboxDocument, outboxDocumentSchema } from './schemas';

// A small reducer for a note-taking stream: the overlay is generic over the domain reducer,
// and these tests are about which events it folds, in which order, and what it reports.
const reduce: OverlayReducer = (state, event) => {
  const notes = Array.isArray(state?.notes) ? (state.notes as string[]) : [];
  if (event.type === 'case.closed') return { ok: true, state: { ...state, isClosed: true, notes } };
  if (state?.isClosed) return { ok: false, reason: 'The case is closed.' };
  return { ok: true, state: { ...state, notes: [...notes, String(event.payload.text)] } };
};

let counter = 0;
function event(text: string, extra: Partial<OutboxDocument> = {}): OutboxDocument {
  counter += 1;
  return outboxDocumentSchema.parse({
    id: `0192f000-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    stream: 'case:0192f000-0000-7000-8000-000000000000',
    type: 'case.note_added',
    actor: 'priya',
    deviceId: 'tablet',
    madeAt: `2026-03-01T10:00:${String(counter % 60).padStart(2, '0')}.000Z`,
    payload: { text },
    status: 'pending',
    reason: null,
    seq: null,
    acceptedAt: null,
    _deleted: false,
    ...extra,
  });
}

const NOW = '2026-03-01T12:00:00.000Z';

describe('what a person sees of a case while their changes wait to sync', () => {
  it('shows their pending notes on top of the server version, in the order they made them', () => {
    const first = event('first');
    const second = event('second');
    const view = foldPending(
      { serverState: { notes: ['from server'] }, acceptedIds: new Set(), outbox: [second, first] },
      reduce,
      NOW,
    );
    expect(view.state).toEqual({ notes: ['from server', 'first', 'second'] });
    expect(view.pending.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(view.rejected).toEqual([]);
  });

  it('does not show a change twice once the server has folded it in but the outbox still holds it', () => {
    const accepted = event('accepted already');
    const view = foldPending(
      {
        serverState: { notes: ['accepted already'] },
        acceptedIds: new Set([accepted.id]),
        outbox: [accepted],
      },
      reduce,
      NOW,
    );
    expect(view.state).toEqual({ notes: ['accepted already'] });
    expect(view.pending).toEqual([]);
  });

  it('drops a refused change from the view and lists it with the reason instead', () => {
    const refused = event('too late', {
      status: 'rejected',
      reason: 'The case was closed before this note.',
    });
    const kept = event('kept');
    const view = foldPending(
      { serverState: { notes: [] }, acceptedIds: new Set(), outbox: [refused, kept] },
      reduce,
      NOW,
    );
    expect(view.state).toEqual({ notes: ['kept'] });
    expect(view.rejected).toEqual([refused]);
    expect(view.rejected[0]?.reason).toBe('The case was closed before this note.');
  });

  it('keeps a change the device cannot apply yet as pending, with the local reason, for the server to judge', () => {
    const view = foldPending(
      { serverState: { notes: [], isClosed: true }, acceptedIds: new Set(), outbox: [event('late note')] },
      reduce,
      NOW,
    );
    expect(view.state).toEqual({ notes: [], isClosed: true });
    expect(view.pending).toHaveLength(1);
    expect(view.pending[0]?.localProblem).toBe('The case is closed.');
  });

  it('builds a case logged offline from its pending events alone', () => {
    const view = foldPending(
      { serverState: null, acceptedIds: new Set(), outbox: [event('logged offline')] },
      reduce,
      NOW,
    );
    expect(view.state).toEqual({ notes: ['logged offline'] });
  });

  it('ignores a dismissed (deleted) rejected change', () => {
    const dismissed = event('gone', { status: 'rejected', reason: 'No.', _deleted: true });
    const view = foldPending(
      { serverState: { notes: [] }, acceptedIds: new Set(), outbox: [dismissed] },
      reduce,
      NOW,
    );
    expect(view.rejected).toEqual([]);
    expect(view.state).toEqual({ notes: [] });
  });

  it('keeps showing a change the server accepted until the document that includes it arrives', () => {
    const sent = event('sent and accepted');
    const waiting = event('still waiting');
    const refused = event('refused', { status: 'rejected', reason: 'No.' });
    const lastSeen = [sent, waiting, refused];
    // The accepted event has left the outbox; the server's document is still the older one.
    expect(stillInFlight(lastSeen, [waiting, refused], new Set()).map((e) => e.id)).toEqual([sent.id]);
    // Once the document includes it, it is the document's to show.
    expect(stillInFlight(lastSeen, [waiting, refused], new Set([sent.id]))).toEqual([]);
    // A refused change that the person dismisses is not carried on.
    expect(stillInFlight(lastSeen, [waiting], new Set())).toEqual([sent]);
  });
});
