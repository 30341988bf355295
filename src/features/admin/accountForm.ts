// Checks on the People page's forms before anything is sent, in the words the page shows. The
// server makes the same checks again (sync-server/http/accountAdminRoutes.ts).
import { MIN_PASSWORD_LENGTH, type Role } from '../../domain';

export type AccountDraft = {
  displayName: string;
  username: string;
  roles: Role[];
  password: string;
};

export type AccountErrors = Partial<Record<'displayName' | 'username' | 'roles' | 'password', string>>;

/** `which`: the words for the field in "Enter …" ("a password", "a new password"). */
export function passwordProblem(password: string, which = 'a password'): string | undefined {
  if (password === '') return `Enter ${which}`;
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  return undefined;
}

export function accountErrors(draft: AccountDraft): AccountErrors {
  const errors: AccountErrors = {};
  if (draft.displayName.trim() === '') errors.displayName = 'Enter the person’s name';
  const username = draft.username.trim();
  if (username.length < 2) errors.username = 'Enter a username of at least 2 characters';
  else if (!/^[A-Za-z0-9._@-]+$/.test(username))
    errors.username = 'A username may use only letters, digits, dots, dashes, underscores and @';
  if (draft.roles.length === 0) errors.roles = 'Choose at least one role';
  const password = passwordProblem(draft.password);
  if (password) errors.password = password;
  return errors;
}

/** "pat.lee" from "Pat Lee": a suggestion the administrator can change. */
export function suggestUsername(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}
