// File notes on a case page: anyone who can see a case may add one in any state, the form says
// what is wrong in GOV.UK's words and with the domain's own limit, the count appears only near
// that limit, and the timeline shows a note's text as plain text, sent or not. The form is
// rendered through a real data client on fake-indexeddb (offline), as the case page does.
// Typing, sending, focus and the live message are covered in Chromium by tests/e2e/notes.test.ts.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClearwayClient, ClearwayDataProvider, createClearwayClient } from '../../data';
import {
  caseTypeSchema,
  noteAddedSchema,
  type Principal,
  roleSchema,
  type TimelineEntry,
} from '../../domain';
import type { CaseState } from '../../domain/caseState';
import type { IsoDate } from '../../domain/ids';
import { workflowFor } from '../../domain/workflows';
import { AddNote, charactersLeftText, isNearLimit, NOTE_MAX_LENGTH, noteProblem } from './AddNote';
import { allowedSteps } from './allowedSteps';
import { type CaseContextValue, CaseProvider } from './caseContext';
import { caseDeadline } from './caseDeadline';
import { loggedFoiCase } from './caseState.fixture';
import { noteTextOf, Timeline } from './Timeline';

const NOW = '2026-03-04T10:00:00.000Z';
const worker: Principal = {
  userId: 'caseworker',
  displayName: 'Sam Case',
  roles: ['case_worker'],
  teamIds: ['information-rights'],
};

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('who may add a note', () => {
  it('is everyone who can see the case, in every state of every kind of case', () => {
    for (const caseType of caseTypeSchema.options) {
      for (const status of Object.keys(workflowFor(caseType).states) as CaseState['status'][]) {
        for (const role of roleSchema.options) {
          const state = { ...loggedFoiCase(), caseType, status };
          const me = { ...worker, roles: [role] };
          expect(allowedSteps(state, me).has('note.added'), `${role} on ${caseType} ${status}`).toBe(true);
        }
      }
    }
  });
});

describe('what the note form says is wrong', () => {
  it('uses the limit of the note payload itself', () => {
    expect(NOTE_MAX_LENGTH).toBe(noteAddedSchema.shape.text.maxLength);
    expect(Number.isFinite(NOTE_MAX_LENGTH)).toBe(true);
  });

  it('asks for a note when nothing, or only spaces, was typed', () => {
    expect(noteProblem('')).toBe('Enter a note');
    expect(noteProblem('  \n\t ')).toBe('Enter a note');
  });

  it('refuses a note over the limit in GOV.UK words, and accepts one exactly at it', () => {
    const atLimit = 'a'.repeat(NOTE_MAX_LENGTH);
    expect(noteProblem(atLimit)).toBeNull();
    expect(noteProblem(`${atLimit}a`)).toBe('Note must be 100,000 characters or fewer');
    // Spaces around the note are not kept, so they do not count (the schema trims first).
    expect(noteProblem(`  ${atLimit}\n`)).toBeNull();
  });

  it('agrees with the server about every note it accepts or refuses', () => {
    const cases = [
      '',
      ' ',
      'Rang the requester',
      'a'.repeat(NOTE_MAX_LENGTH),
      'a'.repeat(NOTE_MAX_LENGTH + 1),
    ];
    for (const text of cases) {
      const isAccepted = noteAddedSchema.safeParse({ noteId: 'n1', text }).success;
      expect(noteProblem(text) === null, `a note of ${text.length} characters`).toBe(isAccepted);
    }
  });
});

describe('the character count', () => {
  it('counts what is left, and what is too many, one or several', () => {
    expect(charactersLeftText('a'.repeat(NOTE_MAX_LENGTH - 12))).toBe('You have 12 characters remaining');
    expect(charactersLeftText('a'.repeat(NOTE_MAX_LENGTH - 1))).toBe('You have 1 character remaining');
    expect(charactersLeftText('a'.repeat(NOTE_MAX_LENGTH + 1))).toBe('You have 1 character too many');
    expect(charactersLeftText('a'.repeat(NOTE_MAX_LENGTH + 2500))).toBe('You have 2,500 characters too many');
  });

  it('shows only once three quarters of the limit is used', () => {
    expect(isNearLimit('Chased the policy team')).toBe(false);
    expect(isNearLimit('a'.repeat(NOTE_MAX_LENGTH * 0.75))).toBe(true);
  });
});

describe('the note form on a case page', () => {
  let client: ClearwayClient;
  beforeAll(async () => {
    const indexedDb = { indexedDB: new IDBFactory(), IDBKeyRange };
    client = createClearwayClient({
      indexedDb,
      namespace: `notes-${crypto.randomUUID().slice(0, 8)}-`,
      isMultiInstance: false,
      isPrefetching: false,
      now: () => NOW,
      fetch: () => Promise.reject(new TypeError('offline')),
    });
    await client.start();
  });
  afterAll(async () => {
    await client.close();
  });

  const render = (allowed: ReadonlySet<string>) => {
    const state = loggedFoiCase();
    const context: CaseContextValue = {
      state,
      stream: `case:${state.caseId}` as CaseContextValue['stream'],
      me: worker,
      nameOf: (id) => id,
      today: '2026-03-04',
      now: NOW,
      deadline: caseDeadline(state, '2026-03-04' as IsoDate, NOW),
      allowed,
    };
    return renderToStaticMarkup(
      <ClearwayDataProvider client={client}>
        <CaseProvider value={context}>
          <AddNote />
        </CaseProvider>
      </ClearwayDataProvider>,
    );
  };

  it('has a labelled box with a hint saying who reads notes, the limit, and an Add note button', () => {
    const html = render(allowedSteps(loggedFoiCase(), worker));
    expect(textOf(html)).toContain('Add a note');
    expect(html).toMatch(/<label class="govuk-label[^"]*" for="field-note">Note<\/label>/);
    expect(textOf(html)).toContain('Everyone who can see this case can read its notes.');
    expect(html).toContain('aria-describedby="field-note-info field-note-hint"');
    expect(textOf(html)).toContain('You can enter up to 100,000 characters');
    expect(html).toMatch(/<button type="submit" class="govuk-button"[^>]*>Add note<\/button>/);
    // No count yet: it is hidden until the note nears the limit.
    expect(html).toContain('govuk-character-count__message--disabled');
    expect(html).toMatch(/role="status"/);
  });

  it('is not offered when the workflow does not allow a note', () => {
    expect(render(new Set(['case.allocated']))).toBe('');
  });
});

describe('a note in the timeline', () => {
  const note = (text: string): TimelineEntry => ({
    eventId: 'e1',
    type: 'note.added',
    actor: 'jo',
    actorName: 'Jo Bloggs',
    deviceId: 'dev-jo',
    madeAt: '2026-03-02T10:00:00Z',
    acceptedAt: '2026-03-02T10:01:00Z',
    seq: 1,
    summary: 'Added a note',
    payload: { noteId: 'n1', text },
  });

  it('shows its text under the summary, as plain text and never as HTML', () => {
    const html = renderToStaticMarkup(
      <Timeline entries={[note('Rang the requester <b>twice</b>\nThey will reply by Friday')]} unsent={[]} />,
    );
    expect(html).toContain('Rang the requester &lt;b&gt;twice&lt;/b&gt;\nThey will reply by Friday');
    expect(html).not.toContain('<b>twice</b>');
    expect(html).toContain('app-preserve-lines');
  });

  it('shows the text of a note not sent yet, marked as not sent', () => {
    const html = renderToStaticMarkup(
      <Timeline
        entries={[]}
        unsent={[
          {
            eventId: 'e2',
            type: 'note.added',
            payload: { noteId: 'n2', text: 'Chased the policy team' },
            summary: 'Added a note',
            actorName: 'Sam Case',
            madeAt: '2026-03-02T11:00:00Z',
            deviceId: 'dev-sam',
          },
        ]}
      />,
    );
    expect(textOf(html)).toContain('Not sent yet');
    expect(textOf(html)).toContain('Chased the policy team');
  });

  it('adds no text to other steps', () => {
    expect(noteTextOf({ type: 'document.added', payload: { text: 'not a note' } })).toBeNull();
    expect(noteTextOf({ type: 'note.added', payload: { text: 'A note' } })).toBe('A note');
  });
});
