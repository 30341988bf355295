// Accounts: the people who may sign in, with their roles and teams (the domain's Principal).
import { randomUUID } from 'node:crypto';
import { type Principal, type Role, roleSchema } from '../../src/domain/principal';
import type { Queryable } from '../storage/database';
import { hashPassword } from './passwords';

/** The organisation identity (OpenID Connect issuer and `sub`) an account signs in with. */
export type OidcIdentity = { issuer: string; subject: string };

export type Account = Principal & {
  username: string;
  passwordHash: string | null;
  isDemo: boolean;
  /** Null until the account first signs in with its organisation account (accounts/oidc.ts). */
  oidcIdentity: OidcIdentity | null;
};

type UserRow = {
  user_id: string;
  username: string;
  display_name: string;
  roles: string[];
  team_ids: string[];
  password_hash: string | null;
  is_demo: boolean;
  oidc_issuer: string | null;
  oidc_subject: string | null;
};

const COLUMNS =
  'user_id, username, display_name, roles, team_ids, password_hash, is_demo, oidc_issuer, oidc_subject';

function toAccount(row: UserRow): Account {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.map((role) => roleSchema.parse(role)),
    teamIds: row.team_ids,
    passwordHash: row.password_hash,
    isDemo: row.is_demo,
    oidcIdentity:
      row.oidc_issuer !== null && row.oidc_subject !== null
        ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
        : null,
  };
}

export function toPrincipal(account: Account): Principal {
  return {
    userId: account.userId,
    displayName: account.displayName,
    roles: account.roles,
    teamIds: account.teamIds,
  };
}

export async function findAccountByUsername(db: Queryable, username: string): Promise<Account | undefined> {
  const [row] = await db.query<UserRow>(`select ${COLUMNS} from users where username = $1`, [
    username.toLowerCase(),
  ]);
  return row && toAccount(row);
}

export async function findAccountByOidcIdentity(
  db: Queryable,
  identity: OidcIdentity,
): Promise<Account | undefined> {
  const [row] = await db.query<UserRow>(
    `select ${COLUMNS} from users where oidc_issuer = $1 and oidc_subject = $2`,
    [identity.issuer, identity.subject],
  );
  return row && toAccount(row);
}

/**
 * Links the account to an organisation identity if it has none yet from this issuer; false when
 * it has (another sign-in may have linked it a moment ago: the caller compares again).
 */
export async function linkOidcIdentity(
  db: Queryable,
  userId: string,
  identity: OidcIdentity,
): Promise<boolean> {
  try {
    const rows = await db.query<{ user_id: string }>(
      `update users set oidc_issuer = $2, oidc_subject = $3
       where user_id = $1 and (oidc_subject is null or oidc_issuer is distinct from $2) returning user_id`,
      [userId, identity.issuer, identity.subject],
    );
    return rows.length === 1;
  } catch (error) {
    // Another account has this identity already (users_oidc_identity): not this one's to take.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export type UnlinkOutcome = 'removed' | 'not_linked' | 'no_such_person';

/**
 * Removes the account's organisation identity, so its next organisation sign-in links it afresh
 * by username claim. Call it through personAccess.unlinkOrganisationSignIn, which records who
 * removed it (only when there was one to remove).
 */
export async function unlinkOidcIdentity(db: Queryable, userId: string): Promise<UnlinkOutcome> {
  const rows = await db.query<{ user_id: string }>(
    `update users set oidc_issuer = null, oidc_subject = null
     where user_id = $1 and oidc_subject is not null returning user_id`,
    [userId],
  );
  if (rows.length === 1) return 'removed';
  return (await findAccount(db, userId)) ? 'not_linked' : 'no_such_person';
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

export async function findAccount(db: Queryable, userId: string): Promise<Account | undefined> {
  const [row] = await db.query<UserRow>(`select ${COLUMNS} from users where user_id = $1`, [userId]);
  return row && toAccount(row);
}

/**
 * Every account, by name. `isDemoLeftOut`: without the demo people, as a production server lists
 * its directory (they cannot sign in there, so no work may go to them).
 */
export async function listAccounts(db: Queryable, { isDemoLeftOut = false } = {}): Promise<Account[]> {
  const rows = await db.query<UserRow>(
    `select ${COLUMNS} from users where not ($1 and is_demo) order by display_name`,
    [isDemoLeftOut],
  );
  return rows.map(toAccount);
}

export type NewAccount = {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  teamIds: string[];
  isDemo?: boolean;
  userId?: string;
};

/** Creates the account; undefined when the username is taken. */
export async function createAccount(db: Queryable, account: NewAccount): Promise<Account | undefined> {
  const { password, ...rest } = account;
  return insertAccount(db, { ...rest, passwordHash: await hashPassword(password) });
}

/**
 * Creates the account with a password already hashed (hashing is slow on purpose, so it is done
 * before a transaction that holds the log's lock); undefined when the username is taken.
 */
export async function insertAccount(
  db: Queryable,
  account: Omit<NewAccount, 'password'> & { passwordHash: string },
): Promise<Account | undefined> {
  const userId = account.userId ?? randomUUID();
  const [row] = await db.query<UserRow>(
    `insert into users (user_id, username, display_name, roles, team_ids, password_hash, is_demo)
     values ($1, $2, $3, $4, $5, $6, $7)
     -- Two processes seeding demo people at once: the second one's insert is a no-op.
     on conflict (username) do nothing
     returning ${COLUMNS}`,
    [
      userId,
      account.username.toLowerCase(),
      account.displayName,
      account.roles,
      account.teamIds,
      account.passwordHash,
      account.isDemo ?? false,
    ],
  );
  return row && toAccount(row);
}

export type PersonChange = { roles?: Role[] | undefined; teamIds?: string[] | undefined };

/**
 * Changes a person's roles and teams; undefined when there is no such person. Who may see what
 * follows from them: call it through personAccess.changePerson, which moves the access rows too.
 */
export async function updateAccount(
  db: Queryable,
  userId: string,
  change: PersonChange,
): Promise<Account | undefined> {
  const [row] = await db.query<UserRow>(
    `update users set roles = coalesce($2, roles), team_ids = coalesce($3, team_ids)
     where user_id = $1 returning ${COLUMNS}`,
    [userId, change.roles ?? null, change.teamIds ?? null],
  );
  return row && toAccount(row);
}

/** Where a person's own mail (the weekly chase digest) goes; null when they have not said. */
export async function findEmail(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.query<{ email: string | null }>('select email from users where user_id = $1', [
    userId,
  ]);
  return row?.email ?? null;
}

export async function setEmail(db: Queryable, userId: string, email: string | null): Promise<void> {
  await db.query('update users set email = $2 where user_id = $1', [userId, email]);
}

export const isAdministrator = (principal: Principal) => principal.roles.includes('administrator');

/** Replaces a person's password by its hash (their own change; an administrator's reset is resetPassword). */
export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<boolean> {
  const rows = await db.query<{ user_id: string }>(
    'update users set password_hash = $2 where user_id = $1 returning user_id',
    [userId, passwordHash],
  );
  return rows.length === 1;
}
