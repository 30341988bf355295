// The server finds a new device's My work by keys it stores with each case (myWorkKeys in
// src/domain/waitingOn.ts), without the device's code. Those keys must put a case in exactly
// the My work the device itself shows: the oracle here is the device's own rule, a pulled
// document made local (toLocalStreamDocument) and summarised (toCaseSummary's isMine, which
// leaves out ENDED_STATUSES).
import { describe, expect, it } from 'vitest';
import {
  type CaseState,
  type CaseType,
  caseTypeSchema,
  decide,
  myWorkKeys,
  personKeys,
  toStreamDocument,
} from '../domain';
import { eventTypes } from '../domain/events/catalogue';
import {
  asCase,
  CASE_STREAM,
  caseIn,
  journeyTo,
  loggedEvent,
  NOW,
  people,
  principalOf,
  type RawEvent,
  raw,
  reachableRows,
  run,
  sampleEvent,
  steps,
} from '../domain/testing/journeys';
import { ENDED_STATUSES } from './caseStatuses';
import { toCaseSummary } from './caseSummaries';
import { toLocalStreamDocument } from './replication';

/** What the device shows: is this case in this person's My work? */
function isInDevicesMyWork(state: CaseState, person: { userId: string; teamIds: readonly string[] }) {
  const pulled = toStreamDocument(CASE_STREAM, state, [], 1, NOW);
  const { _deleted, ...local } = toLocalStreamDocument(pulled, person.userId, person.teamIds);
  return toCaseSummary(local).isMine;
}

function sharesAKey(state: CaseState, person: { userId: string; teamIds: readonly string[] }) {
  const keys = new Set(myWorkKeys(state));
  return personKeys(person).some((key) => keys.has(key));
}

const allocate = (to: string, allocationId: string) =>
  raw(
    'case.allocated',
    { allocationId, to, teamId: `${to}-team`, service: 'Policy', acceptBy: '2026-03-05' },
    'cw',
  );

/** Cases walked by hand through allocations the journeys do not take. */
const handMade: [string, () => RawEvent[]][] = [
  [
    'allocated to two people, one accepts',
    () => [allocate('priya', 'a1'), allocate('tom', 'a2'), steps.accept()],
  ],
  ['one of two declines', () => [allocate('priya', 'a1'), allocate('tom', 'a2'), steps.reject('tom', 'a2')]],
  ['declined, then allocated again', () => [allocate('priya', 'a1'), steps.reject(), allocate('tom', 'a2')]],
  [
    'handed on to someone else',
    () => [
      allocate('priya', 'a1'),
      steps.accept(),
      raw(
        'case.reallocated',
        {
          allocationId: 'a1',
          newAllocationId: 'a2',
          to: 'tom',
          teamId: 'housing',
          service: 'Housing',
          reason: 'Housing owns this',
        },
        'priya',
      ),
    ],
  ],
  ['allocated, then withdrawn', () => [allocate('priya', 'a1'), steps.accept(), steps.withdraw()]],
  ['offered, then transferred', () => [allocate('priya', 'a1'), steps.transfer()]],
];

/** Every state each case type's journeys reach, and one more accepted event from each. */
function realStates(): [string, CaseState][] {
  const states: [string, CaseState][] = [];
  for (const caseType of caseTypeSchema.options as CaseType[]) {
    for (const [status] of reachableRows(caseType)) {
      let state: CaseState;
      try {
        journeyTo(caseType, status);
        state = caseIn(caseType, status);
      } catch {
        continue; // no journey to this state for this type
      }
      states.push([`${caseType} ${status}`, state]);
      for (const type of eventTypes) {
        let event: RawEvent;
        try {
          event = sampleEvent(type, state);
        } catch {
          continue;
        }
        const next = decide(state, event, principalOf(event.actor), { now: NOW });
        if (next.ok && next.state.kind === 'case')
          states.push([`${caseType} ${status} + ${type}`, next.state]);
      }
    }
  }
  for (const [name, events] of handMade) states.push([name, asCase(run([loggedEvent('foi'), ...events()]))]);
  return states;
}

const persons = [
  ...Object.values(people),
  // A person in no team, and one in two teams (one of them the information-rights team).
  { userId: 'priya', teamIds: [] },
  { userId: 'tom', teamIds: ['housing', people.caseWorker.teamIds[0] ?? ''] },
];

describe('the keys the server keeps for My work', () => {
  const states = realStates();

  it('walks enough real cases to cover every status the device can show', () => {
    const statuses = new Set(states.map(([, s]) => s.status));
    for (const status of ['to_allocate', 'awaiting_acceptance', 'in_progress', 'contributions_requested'])
      expect(statuses).toContain(status);
    for (const status of ['in_review', 'in_clearance', 'sent', 'reported', ...ENDED_STATUSES])
      expect(statuses).toContain(status);
    expect(states.length).toBeGreaterThan(200);
  });

  it('put a case in exactly the My work the device shows, for every case and person', () => {
    let inSomeonesWork = 0;
    for (const [name, state] of states) {
      for (const person of persons) {
        const expected = isInDevicesMyWork(state, person);
        if (expected) inSomeonesWork += 1;
        expect(sharesAKey(state, person), `${name}, ${person.userId} [${person.teamIds}]`).toBe(expected);
      }
    }
    // Not vacuous: plenty of pairs on both sides.
    expect(inSomeonesWork).toBeGreaterThan(100);
    expect(inSomeonesWork).toBeLessThan(states.length * persons.length - 100);
  });

  it('are sorted, unique and empty once a case has ended', () => {
    for (const [, state] of states) {
      const keys = myWorkKeys(state);
      expect(keys).toEqual([...new Set(keys)].sort());
      if (ENDED_STATUSES.includes(state.status)) expect(keys).toEqual([]);
    }
  });

  it('keep a case its owner is still answerable for in their work while someone else reviews it', () => {
    const state = caseIn('foi', 'in_review');
    expect(myWorkKeys(state)).toEqual(['user:mgr', 'user:priya']);
    expect(personKeys(people.priya)).toEqual(['user:priya', 'team:waste']);
  });
});
