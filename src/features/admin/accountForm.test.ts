import { describe, expect, it } from 'vitest';
import { accountErrors, passwordProblem, suggestUsername } from './accountForm';

describe('the add-a-person form', () => {
  const good = {
    displayName: 'Pat Lee',
    username: 'pat.lee',
    roles: ['case_worker' as const],
    password: 'a long passphrase',
  };

  it('accepts a complete form', () => {
    expect(accountErrors(good)).toEqual({});
  });

  it('names every missing or wrong field in plain words', () => {
    expect(accountErrors({ displayName: ' ', username: 'p', roles: [], password: 'short' })).toEqual({
      displayName: 'Enter the person’s name',
      username: 'Enter a username of at least 2 characters',
      roles: 'Choose at least one role',
      password: 'The password must have at least 12 characters',
    });
    expect(accountErrors({ ...good, username: 'pat lee' }).username).toMatch(/only letters, digits/);
    // An organisation sign-in name (Entra ID's UPN) is a username too.
    expect(accountErrors({ ...good, username: 'pat.lee@dept.gov.uk' }).username).toBeUndefined();
  });

  it('asks for a password, then for a long enough one', () => {
    expect(passwordProblem('')).toBe('Enter a password');
    expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
    expect(passwordProblem('twelve chars')).toBeUndefined();
  });

  it('suggests a username from the name, without accents or spaces', () => {
    expect(suggestUsername('Zoë  O’Brien-Smith')).toBe('zoe.o.brien.smith');
    expect(suggestUsername(' Pat Lee ')).toBe('pat.lee');
  });
});
