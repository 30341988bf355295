// The organisation streams: directory, templates, calendar.
import { describe, expect, test } from 'vitest';
import { decide } from './decide';
import { describeEvent } from './describeEvent';
import { parseEvent } from './events/parseEvent';
import { NOW, people, raw, run } from './testing/journeys';

const dir = (type: string, payload: Record<string, unknown>) => raw(type, payload, 'admin', 'org:directory');

describe('the directory', () => {
  test('a CSV import replaces everything that was there', () => {
    const before = run([
      dir('directory.person_saved', { userId: 'old', name: 'Old Person', teamIds: ['x'] }),
    ]);
    const after = run(
      [
        dir('directory.imported', {
          fileName: 'directory.csv',
          policyAreas: [{ policyAreaId: 'waste', name: 'Waste', keywords: ['bins'] }],
          teams: [{ teamId: 'waste-policy', name: 'Waste policy', policyAreaId: 'waste' }],
          people: [{ userId: 'priya', name: 'Priya Shah', teamIds: ['waste-policy'] }],
        }),
      ],
      before,
    );
    expect(after).toEqual({
      kind: 'directory',
      policyAreas: [{ policyAreaId: 'waste', name: 'Waste', keywords: ['bins'] }],
      teams: [{ teamId: 'waste-policy', name: 'Waste policy', policyAreaId: 'waste' }],
      people: [{ userId: 'priya', name: 'Priya Shah', teamIds: ['waste-policy'] }],
    });
  });

  test('only an administrator changes the directory', () => {
    const event = { ...dir('directory.person_removed', { userId: 'priya' }), actor: 'mgr' };
    expect(decide(null, event, people.manager, { now: NOW })).toEqual({
      ok: false,
      reason: 'Only an administrator can remove a person from the directory.',
    });
  });

  test('a change of roles is recorded for the audit trail and leaves the directory as it was', () => {
    const before = run([
      dir('directory.person_saved', { userId: 'priya', name: 'Priya Shah', teamIds: ['x'] }),
    ]);
    const change = dir('directory.roles_changed', {
      userId: 'priya',
      rolesBefore: ['policy_official'],
      rolesAfter: ['policy_official', 'manager'],
      teamIdsBefore: ['x'],
      teamIdsAfter: ['x'],
    });
    expect(run([change], before)).toEqual(before);
    const byManager = { ...change, actor: 'mgr' };
    expect(decide(before, byManager, people.manager, { now: NOW })).toEqual({
      ok: false,
      reason: "Only an administrator can change people's roles and teams.",
    });
  });

  test.each([
    ['directory.password_reset', 'Reset Priya Shah’s password', "reset people's passwords", 'password'],
    [
      'directory.sign_in_unlinked',
      'Removed Priya Shah’s organisation sign-in link',
      "remove people's organisation sign-in links",
      'subject',
    ],
  ])(
    'a %s record is for the audit trail, by an administrator only, and says only whose it was',
    (type, sentence, action, secret) => {
      const before = run([
        dir('directory.person_saved', { userId: 'priya', name: 'Priya Shah', teamIds: ['x'] }),
      ]);
      const record = dir(type, { userId: 'priya' });
      expect(run([record], before)).toEqual(before);
      const parsed = parseEvent(record);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(describeEvent(parsed.event, (id) => (id === 'priya' ? 'Priya Shah' : id))).toBe(sentence);
      // Nothing but whose it was: an event carrying a password or an identity is refused, never stored.
      expect(parseEvent(dir(type, { userId: 'priya', [secret]: 'x' })).ok).toBe(false);
      expect(decide(before, { ...record, actor: 'mgr' }, people.manager, { now: NOW })).toEqual({
        ok: false,
        reason: `Only an administrator can ${action}.`,
      });
    },
  );

  test('removing someone who is not there is refused', () => {
    expect(
      decide(null, dir('directory.person_removed', { userId: 'ghost' }), people.admin, { now: NOW }),
    ).toEqual({
      ok: false,
      reason: 'That person is not in the directory.',
    });
  });
});

describe('templates', () => {
  const save = (body: string) =>
    raw(
      'template.saved',
      { templateId: 't1', name: 'FOI refusal', caseTypes: ['foi'], body },
      'cw',
      'org:templates',
    );

  test('saving again makes a new version; retiring keeps it for old letters', () => {
    const state = run([
      save('v1'),
      save('v2'),
      raw('template.retired', { templateId: 't1' }, 'cw', 'org:templates'),
    ]);
    expect(state).toMatchObject({
      templates: [{ templateId: 't1', body: 'v2', version: 2, isRetired: true }],
    });
  });
});

describe('the calendar', () => {
  const add = () =>
    raw(
      'calendar.holiday_added',
      { date: '2026-06-15', title: 'World Cup holiday', regions: ['scotland'] },
      'admin',
      'org:calendar',
    );

  test('an administrator adds a bank holiday, once', () => {
    const state = run([add()]);
    expect(state).toEqual({
      kind: 'calendar',
      extraHolidays: [
        { date: '2026-06-15', title: 'World Cup holiday', regions: ['scotland'], addedBy: 'admin' },
      ],
    });
    expect(decide(state, add(), people.admin, { now: NOW })).toEqual({
      ok: false,
      reason: '2026-06-15 is already a holiday there.',
    });
  });

  test('a case worker cannot add one', () => {
    expect(decide(null, { ...add(), actor: 'cw' }, people.caseWorker, { now: NOW })).toEqual({
      ok: false,
      reason: 'Only an administrator can add a bank holiday.',
    });
  });
});
