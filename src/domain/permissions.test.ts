// Need to know: who sees which case.
import { describe, expect, test } from 'vitest';
import { canSee } from './permissions';
import { INFORMATION_RIGHTS_TEAM, type Principal } from './principal';
import { caseIn, loggedEvent, people, raw, run, steps } from './testing/journeys';

const foiInProgress = () => caseIn('foi', 'in_progress');

describe('who sees an FOI case', () => {
  test('the information-rights team, managers and administrators see every FOI case', () => {
    const state = run([loggedEvent('foi')]);
    expect(canSee(people.caseWorker, state)).toBe(true);
    expect(canSee(people.otherManager, state)).toBe(true);
    expect(canSee(people.admin, state)).toBe(true);
  });

  test('a policy official sees it only once it is allocated to them', () => {
    const logged = run([loggedEvent('foi')]);
    expect(canSee(people.priya, logged)).toBe(false);
    expect(canSee(people.priya, run([steps.allocate()], logged))).toBe(true);
    expect(canSee(people.outsider, foiInProgress())).toBe(false);
  });

  test('someone whose allocation was rejected no longer sees it', () => {
    expect(canSee(people.priya, caseIn('foi', 'to_allocate'))).toBe(false);
  });

  test('a contributor sees it once asked, a clearance officer once asked to clear', () => {
    expect(canSee(people.cara, foiInProgress())).toBe(false);
    expect(canSee(people.cara, caseIn('foi', 'contributions_requested'))).toBe(true);
    expect(canSee(people.clo, foiInProgress())).toBe(false);
    expect(canSee(people.clo, caseIn('foi', 'in_clearance'))).toBe(true);
  });
});

describe('who sees SAR and data-breach cases', () => {
  test.each(['sar', 'data_breach'] as const)(
    '%s: only the information-rights team and the people allocated',
    (type) => {
      const state = caseIn(type, 'in_progress');
      expect(canSee(people.caseWorker, state)).toBe(true);
      expect(canSee(people.priya, state)).toBe(true);
      expect(canSee(people.otherManager, state)).toBe(false);
      expect(canSee(people.admin, state)).toBe(false);
      expect(canSee(people.outsider, state)).toBe(false);
    },
  );

  test('a contributor asked on a SAR still cannot see it unless allocated', () => {
    expect(canSee(people.cara, caseIn('sar', 'contributions_requested'))).toBe(false);
    const withAllocation = run([steps.allocate('cara', 'a5')], caseIn('sar', 'in_progress'));
    expect(canSee(people.cara, withAllocation)).toBe(true);
  });

  test('membership of the team is what counts, not the role', () => {
    const teamMember: Principal = { ...people.outsider, teamIds: [INFORMATION_RIGHTS_TEAM] };
    expect(canSee(teamMember, caseIn('sar', 'logged'))).toBe(true);
  });
});

test('organisation streams are seen by everyone', () => {
  const directory = run([
    raw(
      'directory.person_saved',
      { userId: 'priya', name: 'Priya Shah', teamIds: ['waste'] },
      'admin',
      'org:directory',
    ),
  ]);
  expect(canSee(people.cara, directory)).toBe(true);
});
