// Adding a name to a short list of names (the third parties named on a case).
import { describe, expect, it } from 'vitest';
import { isNameLeftOut, withName } from './fields';

describe('adding a name to a list', () => {
  it('adds the name tidied of extra spaces', () => {
    expect(withName(['Ann Lee'], '  Daniel   Okoro ', 5)).toEqual({
      ok: true,
      names: ['Ann Lee', 'Daniel Okoro'],
    });
  });

  it('says why a blank name, a name already there or one too many is not added', () => {
    expect(withName([], '   ', 5)).toEqual({ ok: false, error: 'Enter a name to add' });
    expect(withName(['Ann Lee'], 'ann lee', 5)).toEqual({
      ok: false,
      error: 'ann lee is already on the list',
    });
    expect(withName(['A B', 'C D'], 'E F', 2)).toEqual({
      ok: false,
      error: 'The list can hold 2 names at most',
    });
  });
});

describe('a name typed but not added', () => {
  it('is left out when it names someone not on the list', () => {
    expect(isNameLeftOut(['Ann Lee'], ' Daniel  Okoro ')).toBe(true);
    expect(isNameLeftOut([], 'Ann Lee')).toBe(true);
  });

  it('loses nothing when the box is blank or the name is already there', () => {
    expect(isNameLeftOut(['Ann Lee'], '   ')).toBe(false);
    expect(isNameLeftOut(['Ann Lee'], ' ann   LEE ')).toBe(false);
  });
});
