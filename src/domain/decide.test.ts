// Refusals a person reads: wrong state, wrong role, wrong actor, unknown type, bad payload,
// guards. Wrong-state and wrong-role refusals are generated from the tables so none is missed.
import { describe, expect, test } from 'vitest';
import { caseTypeSchema } from './caseTypes';
import { decide } from './decide';
import { type CaseEventType, eventCatalogue, eventTypes } from './events/catalogue';
import { parseEvent } from './events/parseEvent';
import { INFORMATION_RIGHTS_TEAM, type Principal, type Role, roleSchema } from './principal';
import {
  caseIn,
  loggedEvent,
  NOW,
  people,
  principalOf,
  raw,
  reachableRows,
  run,
  sampleEvent,
  steps,
} from './testing/journeys';

const ctx = { now: NOW };
const caseEventTypes = eventTypes.filter((t) => eventCatalogue[t].stream === 'case') as CaseEventType[];

describe('wrong state', () => {
  test('a closed case cannot be allocated, and says to reopen it', () => {
    const closed = caseIn('foi', 'closed');
    const result = decide(closed, steps.allocate('tom', 'a9'), people.caseWorker, ctx);
    expect(result).toEqual({
      ok: false,
      reason: 'This case is closed, so it cannot be allocated. Reopen it first.',
    });
  });

  test('a case waiting for clarification cannot be sent for review', () => {
    const waiting = caseIn('foi', 'awaiting_clarification');
    const result = decide(
      waiting,
      raw('review.requested', { reviewId: 'r9', reviewer: 'mgr' }, 'cw'),
      people.caseWorker,
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      reason:
        "This case is waiting for the requester to clarify, so it cannot be sent for review. Record the requester's answer first, or withdraw the case.",
    });
  });

  test('nothing but logging can happen to a case that does not exist yet', () => {
    const result = decide(null, steps.allocate(), people.caseWorker, ctx);
    expect(result).toEqual({
      ok: false,
      reason: 'This case has not been logged yet, so nothing else can happen to it.',
    });
  });

  const refusals = caseTypeSchema.options.flatMap((caseType) =>
    reachableRows(caseType).flatMap(([status, row]) =>
      caseEventTypes
        .filter((type) => type !== 'case.logged' && !(type in (row?.events ?? {})))
        .map((type) => ({ caseType, status, type, is: row?.is ?? '' })),
    ),
  );

  test.each(refusals)('$caseType: $type is refused while $status', ({ caseType, status, type, is }) => {
    const state = caseIn(caseType, status);
    const event = sampleEvent(type, state);
    // Sent by the information-rights manager, who may see everything, so only the state refuses.
    const result = decide(state, { ...event, actor: 'mgr' }, people.manager, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.startsWith(`This case is ${is}, so `)).toBe(true);
  });
});

describe('wrong role', () => {
  test('a policy official cannot allocate a case', () => {
    const state = caseIn('foi', 'in_progress');
    const result = decide(state, { ...steps.allocate('tom', 'a9'), actor: 'priya' }, people.priya, ctx);
    expect(result).toEqual({ ok: false, reason: 'Only a case worker or a manager can allocate a case.' });
  });

  test('only clearance officers and managers clear a response', () => {
    const state = caseIn('foi', 'in_clearance');
    const asCaseWorker: Principal = { ...people.clo, roles: ['case_worker'] };
    const result = decide(state, sampleEvent('clearance.approved', state), asCaseWorker, ctx);
    expect(result).toEqual({
      ok: false,
      reason: 'Only a clearance officer or a manager can clear a response.',
    });
  });

  const wrongRoles = caseTypeSchema.options.flatMap((caseType) =>
    reachableRows(caseType).flatMap(([status, row]) =>
      Object.entries(row?.events ?? {}).flatMap(([type, transition]) =>
        roleSchema.options
          .filter((role) => !transition?.roles.includes(role))
          .map((role) => ({ caseType, status, type: type as CaseEventType, role })),
      ),
    ),
  );

  test('some transitions are closed to some roles', () => {
    expect(wrongRoles.length).toBeGreaterThan(1000);
  });

  test.each(wrongRoles)(
    '$caseType: $role cannot send $type while $status',
    ({ caseType, status, type, role }) => {
      const state = caseIn(caseType, status);
      const event = sampleEvent(type, state);
      // The usual sender, in the information-rights team so they can see it, holding only the wrong role.
      const sender = principalOf(event.actor);
      const principal: Principal = {
        ...sender,
        roles: [role as Role],
        teamIds: [...sender.teamIds, INFORMATION_RIGHTS_TEAM],
      };
      const result = decide(state, event, principal, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reason).toMatch(
          new RegExp(`^Only .+ can ${eventCatalogue[type].action.replace(/[()]/g, '.')}\\.$`),
        );
    },
  );
});

describe('wrong actor', () => {
  test('an event signed by someone else is refused', () => {
    const state = caseIn('foi', 'awaiting_acceptance');
    const result = decide(state, steps.accept('priya'), people.caseWorker, ctx);
    expect(result).toEqual({
      ok: false,
      reason: 'This change is signed as priya, but you are signed in as cw.',
    });
  });

  test('only the person allocated can accept the allocation', () => {
    const state = caseIn('foi', 'awaiting_acceptance');
    const result = decide(state, steps.accept('tom'), people.tom, ctx);
    expect(result).toEqual({ ok: false, reason: 'You do not have access to this case.' });
    const seeing: Principal = { ...people.tom, teamIds: [INFORMATION_RIGHTS_TEAM] };
    expect(decide(state, steps.accept('tom'), seeing, ctx)).toEqual({
      ok: false,
      reason: 'Only the person it was allocated to can accept or reject it.',
    });
  });

  test('only the reviewer asked can approve the review', () => {
    const state = caseIn('foi', 'in_review');
    const result = decide(state, raw('review.approved', { reviewId: 'r1' }, 'cw'), people.caseWorker, ctx);
    expect(result).toEqual({ ok: false, reason: 'Only the person asked to do the review can record it.' });
  });

  test('a policy official can re-allocate only their own allocation', () => {
    const state = run([loggedEvent('foi'), steps.allocate('priya', 'a1'), steps.allocate('tom', 'a2')]);
    const event = raw(
      'case.reallocated',
      {
        allocationId: 'a2',
        newAllocationId: 'a3',
        to: 'olly',
        teamId: 'parks',
        service: 'Parks',
        reason: 'Parks',
      },
      'priya',
    );
    expect(decide(state, event, people.priya, ctx)).toEqual({
      ok: false,
      reason: 'You can only re-allocate an allocation that is yours.',
    });
  });
});

describe('unknown type and bad payload', () => {
  test('an unknown event type is named', () => {
    const result = decide(null, raw('case.teleported', {}, 'cw'), people.caseWorker, ctx);
    expect(result).toEqual({ ok: false, reason: 'Clearway does not know the event type "case.teleported".' });
  });

  test('a missing reason for rejecting an allocation names the field', () => {
    const state = caseIn('foi', 'awaiting_acceptance');
    const result = decide(
      state,
      raw('case.allocation_rejected', { allocationId: 'a1', reason: '  ' }, 'priya'),
      people.priya,
      ctx,
    );
    expect(result).toEqual({ ok: false, reason: 'payload.reason: must say why the allocation is rejected.' });
  });

  test('a missing field is called missing', () => {
    expect(
      parseEvent(raw('case.allocated', { allocationId: 'a1', teamId: 't', service: 'Waste' }, 'cw')),
    ).toEqual({
      ok: false,
      reason: 'payload.to: is missing.',
    });
  });

  test('a bad envelope is refused before its payload is read', () => {
    const result = parseEvent({ ...raw('note.added', { noteId: 'n', text: 'x' }, 'cw'), id: 'not-a-uuid' });
    expect(result).toEqual({ ok: false, reason: 'This is not a valid event. id: must be a UUIDv7.' });
  });

  test('an internal review must be linked to the request it reviews', () => {
    const event = loggedEvent('internal_review');
    const { linkedTo: _dropped, ...payload } = event.payload;
    expect(parseEvent({ ...event, payload })).toEqual({
      ok: false,
      reason: 'payload.linkedTo: an internal review must be linked to the request it reviews.',
    });
  });

  test('a stage 2 complaint must be linked to stage 1', () => {
    const event = loggedEvent('complaint');
    expect(parseEvent({ ...event, payload: { ...event.payload, complaintStage: 2 } })).toEqual({
      ok: false,
      reason: 'payload.linkedTo: a stage 2 complaint must be linked to the stage before it.',
    });
  });

  test('not-an-object input is refused, not thrown', () => {
    for (const input of [null, 42, 'case.logged', [], { type: 'note.added' }])
      expect(parseEvent(input).ok).toBe(false);
  });

  test('an event on the wrong kind of stream is refused', () => {
    const event = raw(
      'calendar.holiday_added',
      { date: '2026-06-15', title: 'World Cup', regions: ['scotland'] },
      'admin',
    );
    expect(decide(caseIn('foi', 'logged'), event, people.admin, ctx)).toEqual({
      ok: false,
      reason: 'This change belongs to the calendar, not to a case.',
    });
  });
});

describe('guards', () => {
  test('a review needs a draft', () => {
    const state = run([loggedEvent('foi'), steps.allocate(), steps.accept()]);
    const result = decide(
      state,
      raw('review.requested', { reviewId: 'r1', reviewer: 'mgr' }, 'priya'),
      people.priya,
      ctx,
    );
    expect(result).toEqual({ ok: false, reason: 'There is no draft yet. Save a draft first.' });
  });

  test('two people saving the same draft version offline: the second is told to reload', () => {
    const state = run([loggedEvent('foi'), steps.allocate(), steps.accept(), steps.draft(1)]);
    const result = decide(state, steps.draft(1), people.priya, ctx);
    expect(result).toEqual({
      ok: false,
      reason:
        'Someone else saved version 1 of the draft first. Open the latest draft and save your changes again.',
    });
  });

  test('FOISA has no public interest extension', () => {
    const state = caseIn('foisa', 'in_progress');
    const result = decide(
      state,
      raw('case.extended', { kind: 'pit', reason: 'PIT' }, 'cw'),
      people.caseWorker,
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'The deadline of an FOISA request cannot be extended.',
    });
  });

  test('a SAR can be extended once only', () => {
    const extend = () => raw('case.extended', { kind: 'sar', reason: 'Complex' }, 'cw');
    const state = run([extend()], caseIn('sar', 'in_progress'));
    expect(decide(state, extend(), people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'This case has already been extended once, which is all the law allows.',
    });
  });

  test('an FOI may only have a public interest extension', () => {
    const state = caseIn('foi', 'in_progress');
    const result = decide(
      state,
      raw('case.extended', { kind: 'sar', reason: 'x' }, 'cw'),
      people.caseWorker,
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'For an FOI request the only extension is a public interest test extension.',
    });
  });

  test('a clarification cannot be dated before it was asked for', () => {
    const state = caseIn('foi', 'awaiting_clarification');
    const event = raw('case.clarification_received', { answer: 'x', receivedOn: '2026-03-01' }, 'cw');
    expect(decide(state, event, people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'The reply cannot be dated before the request was made (2026-03-03).',
    });
  });

  test('the same person cannot hold two live allocations', () => {
    const state = caseIn('foi', 'awaiting_acceptance');
    expect(decide(state, steps.allocate('priya', 'a2'), people.caseWorker, ctx)).toEqual({
      ok: false,
      reason: 'This case is already allocated to that person.',
    });
  });
});
