import { describe, expect, it } from 'vitest';
import type { Template } from '../../domain/caseState';
import { templateSavedSchema } from '../../domain/events/orgPayloads';
import { LETTERHEAD_TEMPLATE_ID, letterheadFrom, letterheadPayload } from './letterhead';

const gedling = {
  name: 'Gedling Borough Council',
  addressLines: ['Civic Centre, Arnot Hill Park', 'Arnold, Nottingham NG5 6LU'],
  reviewContact: 'the Head of Legal and Democratic Services, Civic Centre, Arnold NG5 6LU',
};

function saved(body: string, extra: Partial<Template> = {}): Template {
  const payload = letterheadPayload(gedling);
  return { ...payload, body, version: 1, isRetired: false, ...extra } as unknown as Template;
}

describe('the letterhead an administrator sets for response letters', () => {
  it('is saved as a template the domain accepts, and read back as it was set', () => {
    const payload = letterheadPayload(gedling);
    expect(templateSavedSchema.safeParse(payload).success).toBe(true);
    expect(payload.templateId).toBe(LETTERHEAD_TEMPLATE_ID);
    expect(letterheadFrom([saved(payload.body)])).toEqual(gedling);
  });

  it('is not set when there is none, when it is retired, or when its text cannot be read', () => {
    expect(letterheadFrom([])).toBeNull();
    expect(letterheadFrom([saved(letterheadPayload(gedling).body, { isRetired: true })])).toBeNull();
    expect(letterheadFrom([saved('Gedling Borough Council')])).toBeNull();
    expect(letterheadFrom([saved(JSON.stringify({ ...gedling, addressLines: [] }))])).toBeNull();
  });

  it('refuses an empty name before anything is saved', () => {
    expect(() => letterheadPayload({ ...gedling, name: '  ' })).toThrow(/organisation’s name/);
  });
});
