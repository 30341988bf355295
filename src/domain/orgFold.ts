// What the organisation streams' events do: the directory (a CSV import replaces it all),
// the template library (versions kept by count, retired templates stay for old letters) and
// the days an administrator adds to the bank-holiday calendar.
import type { CalendarState, DirectoryState, StreamState, TemplatesState } from './caseState';
import type { ClearwayEvent } from './events/catalogue';
import { accept, refuse, type StepResult } from './stepResult';

export const emptyDirectory = (): DirectoryState => ({
  kind: 'directory',
  policyAreas: [],
  teams: [],
  people: [],
});
export const emptyTemplates = (): TemplatesState => ({ kind: 'templates', templates: [] });
export const emptyCalendar = (): CalendarState => ({ kind: 'calendar', extraHolidays: [] });

function upsert<T>(list: readonly T[], item: T, same: (a: T) => boolean): T[] {
  return list.some(same) ? list.map((a) => (same(a) ? item : a)) : [...list, item];
}

function foldDirectory(s: DirectoryState, event: ClearwayEvent): StepResult {
  switch (event.type) {
    case 'directory.imported': {
      const { policyAreas, teams, people } = event.payload;
      return accept({ kind: 'directory', policyAreas, teams, people });
    }
    case 'directory.policy_area_saved':
      return accept({
        ...s,
        policyAreas: upsert(
          s.policyAreas,
          event.payload,
          (a) => a.policyAreaId === event.payload.policyAreaId,
        ),
      });
    case 'directory.team_saved':
      return accept({
        ...s,
        teams: upsert(s.teams, event.payload, (t) => t.teamId === event.payload.teamId),
      });
    case 'directory.person_saved':
      return accept({
        ...s,
        people: upsert(s.people, event.payload, (p) => p.userId === event.payload.userId),
      });
    // Records for the audit trail: accounts (roles, teams, passwords, sign-in links) live on the server, not in
    // the directory, which keeps what the organisation's spreadsheet says.
    case 'directory.roles_changed':
    case 'directory.password_reset':
    case 'directory.sign_in_unlinked':
      return accept(s);
    case 'directory.person_removed':
      if (!s.people.some((p) => p.userId === event.payload.userId))
        return refuse('That person is not in the directory.');
      return accept({ ...s, people: s.people.filter((p) => p.userId !== event.payload.userId) });
    default:
      return refuse('This change does not belong in the directory.');
  }
}

function foldTemplates(s: TemplatesState, event: ClearwayEvent): StepResult {
  switch (event.type) {
    case 'template.saved': {
      const p = event.payload;
      const previous = s.templates.find((t) => t.templateId === p.templateId);
      const template = {
        ...p,
        version: (previous?.version ?? 0) + 1,
        isRetired: false,
        savedBy: event.actor,
      };
      return accept({ ...s, templates: upsert(s.templates, template, (t) => t.templateId === p.templateId) });
    }
    case 'template.retired': {
      const found = s.templates.find((t) => t.templateId === event.payload.templateId);
      if (!found) return refuse('There is no such template.');
      if (found.isRetired) return refuse('That template is already retired.');
      return accept({
        ...s,
        templates: upsert(s.templates, { ...found, isRetired: true }, (t) => t === found),
      });
    }
    default:
      return refuse('This change does not belong in the template library.');
  }
}

function foldCalendar(s: CalendarState, event: ClearwayEvent): StepResult {
  if (event.type !== 'calendar.holiday_added') return refuse('This change does not belong in the calendar.');
  const p = event.payload;
  if (s.extraHolidays.some((h) => h.date === p.date && p.regions.every((r) => h.regions.includes(r))))
    return refuse(`${p.date} is already a holiday there.`);
  const extraHolidays = [...s.extraHolidays, { ...p, addedBy: event.actor }].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return accept({ ...s, extraHolidays });
}

export function foldOrg(state: Exclude<StreamState, { kind: 'case' }>, event: ClearwayEvent): StepResult {
  switch (state.kind) {
    case 'directory':
      return foldDirectory(state, event);
    case 'templates':
      return foldTemplates(state, event);
    case 'calendar':
      return foldCalendar(state, event);
  }
}
