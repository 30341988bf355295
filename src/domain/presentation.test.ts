// What people read: the case's due date, the timeline sentence, "what happens next" and the
// summary fields of the document sent to devices. Dates worked out by hand from the rules.
import { describe, expect, test } from 'vitest';
import { calendarOf, caseDeadline } from './caseDeadline';
import type { StreamState } from './caseState';
import { describeEvent } from './describeEvent';
import { parseEvent } from './events/parseEvent';
import { toStreamDocument } from './streamDocuments';
import { asCase, CASE_STREAM, caseIn, loggedEvent, NOW, nameOf, raw, run, steps } from './testing/journeys';
import { whatHappensNext } from './whatHappensNext';

const next = (state: StreamState) => whatHappensNext(asCase(state), NOW, nameOf);

describe('the due date of a case', () => {
  // Received Monday 2 March 2026 (day 0). Working days in any part of the UK skip St Patrick's
  // Day (Tuesday 17 March, Northern Ireland): 3–6 (4), 9–13 (9), 16 (10), 18–20 (13),
  // 23–27 (18), 30 (19), 31 (20).
  test('an FOI received on 2 March 2026 is due on 31 March 2026', () => {
    expect(caseDeadline(asCase(caseIn('foi', 'logged')))?.due).toBe('2026-03-31');
  });

  // Clarification received Thursday 5 March: day 0 again. 6 (1), 9–13 (6), 16 (7), 18–20 (10),
  // 23–27 (15), 30–31 (17), 1–2 April (19), Good Friday 3 and Easter Monday 6 April skipped, 7 April (20).
  test('a clarification restarts the 20 working days', () => {
    const state = run(
      [raw('case.clarification_received', { answer: '2025', receivedOn: '2026-03-05' }, 'cw')],
      caseIn('foi', 'awaiting_clarification'),
    );
    expect(caseDeadline(asCase(state))?.due).toBe('2026-04-07');
  });

  // Fee notice 3 March, paid 4 March: two working days do not count, so 31 March moves to 2 April.
  test('a paid fee notice pauses the clock for the days it was outstanding', () => {
    const state = run(
      [raw('case.fee_received', { amountPence: 12_500, receivedOn: '2026-03-04' }, 'cw')],
      caseIn('foi', 'awaiting_fee'),
    );
    expect(caseDeadline(asCase(state))?.due).toBe('2026-04-02');
  });

  test('a SAR received on 2 March is due on the corresponding date, 2 April', () => {
    expect(caseDeadline(asCase(caseIn('sar', 'logged')))?.due).toBe('2026-04-02');
  });

  test('a SAR extension runs three months from receipt: 2 June', () => {
    const state = run(
      [raw('case.extended', { kind: 'sar', reason: 'Complex' }, 'cw')],
      caseIn('sar', 'in_progress'),
    );
    expect(caseDeadline(asCase(state))).toMatchObject({ due: '2026-06-02', isExtended: true });
  });

  test('a breach must be reported 72 hours after the organisation became aware of it', () => {
    const due = caseDeadline(asCase(caseIn('data_breach', 'logged')))?.due ?? '';
    expect(new Date(due).toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });

  test('a day an administrator adds moves the date, and the calendar version changes', () => {
    const calendarState = run([
      raw(
        'calendar.holiday_added',
        { date: '2026-03-20', title: 'Extra day', regions: ['england-and-wales'] },
        'admin',
        'org:calendar',
      ),
    ]);
    if (calendarState.kind !== 'calendar') throw new Error('not a calendar');
    const state = asCase(caseIn('foi', 'logged'));
    const plain = caseDeadline(state, calendarOf(null));
    const withDay = caseDeadline(state, calendarOf(calendarState));
    expect(withDay?.due).toBe('2026-04-01');
    expect(withDay?.calendarVersion).not.toBe(plain?.calendarVersion);
  });

  test('a named-day question is due on its named day; a transfer has no clock', () => {
    const named = loggedEvent('pq');
    const state = run([
      { ...named, payload: { ...named.payload, pqKind: 'commons_named_day', namedDay: '2026-03-09' } },
    ]);
    expect(caseDeadline(asCase(state))?.due).toBe('2026-03-09');
    expect(caseDeadline(asCase(caseIn('transfer', 'logged')))).toBeNull();
  });
});

describe('what happens next', () => {
  test('says who must accept, and by when', () => {
    expect(next(caseIn('foi', 'awaiting_acceptance'))).toBe(
      'Priya Shah needs to accept the allocation by 5 March.',
    );
  });

  test('names everyone still to accept', () => {
    const state = run([steps.allocate('tom', 'a2')], caseIn('foi', 'awaiting_acceptance'));
    expect(next(state)).toBe('Priya Shah and Tom Lee need to accept their allocations by 5 March.');
  });

  // The draft is due 7 working days before 31 March: 30, 27, 26, 25, 24, 23, 20 March.
  test('the owner drafts by the draft milestone', () => {
    expect(next(caseIn('foi', 'in_progress'))).toBe('Priya Shah needs to draft the response by 20 March.');
  });

  test('contributors are named with their due date', () => {
    expect(next(caseIn('foi', 'contributions_requested'))).toBe(
      'Cara Contributor needs to send a contribution by 12 March.',
    );
  });

  // Hand back 2 working days before 31 March: 27 March. Clearance 4 before: 25 March.
  test('the reviewer reviews by the hand-back date, clearance by the clearance milestone', () => {
    expect(next(caseIn('foi', 'in_review'))).toBe('Maya Manager needs to review the draft by 27 March.');
    expect(next(caseIn('foi', 'in_clearance'))).toBe(
      'Clare Officer needs to clear the response by 25 March.',
    );
  });

  test('the team sends by the due date, then closes', () => {
    expect(next(caseIn('foi', 'ready_to_send'))).toBe(
      'The information rights team needs to send the response by 31 March.',
    );
    expect(next(caseIn('foi', 'sent'))).toBe('The information rights team needs to close the case.');
  });

  test('a stopped clock says who the case is waiting for', () => {
    expect(next(caseIn('foi', 'awaiting_clarification'))).toBe(
      'Waiting for Jordan Ellis to clarify the request. The clock is stopped until they reply.',
    );
    expect(next(caseIn('sar', 'awaiting_identity'))).toBe(
      'Waiting for Jordan Ellis to send proof of identity. The clock starts when it arrives.',
    );
  });

  test('finished cases need nothing', () => {
    expect(next(caseIn('foi', 'closed'))).toBe('Nothing: this case is closed.');
    expect(next(caseIn('foi', 'transferred'))).toBe(
      'Nothing: this case was transferred to Department for Transport.',
    );
  });

  test('a reportable breach shows the ICO deadline in UK time', () => {
    expect(next(caseIn('data_breach', 'to_report'))).toMatch(
      /^The information rights team needs to report the breach to the ICO: Due by 09:00 on Thursday 5 March 2026 \(UK time\)/,
    );
  });
});

describe('the timeline sentence', () => {
  const sentence = (event: ReturnType<typeof raw>) => {
    const parsed = parseEvent(event);
    if (!parsed.ok) throw new Error(parsed.reason);
    return describeEvent(parsed.event, nameOf);
  };

  test('allocation names the person and the service', () => {
    expect(sentence(steps.allocate())).toBe('Allocated to Priya Shah (Waste policy)');
  });

  test('closing says the outcome, exemptions and disclosure log', () => {
    expect(sentence(steps.close())).toBe(
      'Closed the case: information given in part, relying on s40(2) (to publish in the disclosure log)',
    );
  });

  test('logging says what and from whom', () => {
    expect(sentence(loggedEvent('complaint'))).toBe(
      'Logged complaint (stage 1) from Jordan Ellis: "Missed bin collections"',
    );
  });

  test('a rejection gives its reason', () => {
    expect(sentence(steps.reject())).toBe('Rejected the allocation: This is a housing matter');
  });
});

describe('the document sent to devices', () => {
  test('carries the summary fields of a case', () => {
    const state = caseIn('foi', 'awaiting_acceptance');
    const doc = toStreamDocument(CASE_STREAM, state, [], 7, NOW);
    expect(doc).toMatchObject({
      id: CASE_STREAM,
      collection: 'cases',
      lastSeq: 7,
      caseType: 'foi',
      status: 'Awaiting acceptance',
      dueDate: '2026-03-31',
      ownerIds: ['priya'],
      teamIds: ['priya-team'],
      _deleted: false,
    });
    expect(doc.reference).toMatch(/^FOI-2026-P-[0-9a-f]{6}$/);
    expect(doc.state).toEqual(JSON.parse(JSON.stringify(state)));
  });

  test('a rejected allocation drops its owner from the summary', () => {
    const doc = toStreamDocument(CASE_STREAM, caseIn('foi', 'to_allocate'), [], 9, NOW);
    expect(doc).toMatchObject({ status: 'To allocate', ownerIds: [], teamIds: [] });
  });

  test('organisation streams have empty summary fields', () => {
    const state = run([
      raw(
        'template.saved',
        { templateId: 't', name: 'T', caseTypes: ['foi'], body: 'x' },
        'cw',
        'org:templates',
      ),
    ]);
    expect(toStreamDocument('org:templates', state, [], 1, NOW)).toMatchObject({
      collection: 'templates',
      reference: '',
      status: '',
      dueDate: '',
      ownerIds: [],
    });
  });
});
