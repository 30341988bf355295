// How long a password must be, wherever one is set (the first administrator, an administrator
// adding or resetting a person, a person changing their own): one rule, checked by the form
// and again by the server. Long rather than complicated: a few unrelated words.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;
