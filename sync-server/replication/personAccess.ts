// When who a person is changes (their roles or teams), what they may see changes with it: their
// access rows are derived afresh from every stream's current state, so their next pull brings
// the cases they may now see (however long ago those changed) and deletions of the ones they
// may no longer see, and their open event streams are told to pull.
//
// It runs under the log's lock, like a push: the change numbers it hands out keep the order
// checkpoints rely on (eventStore.ts), and a push that read people before this change sees the
// `people` counter move and judges against them again. The change itself goes into the log in
// the same transaction (`directory.roles_changed`, the administrator as actor): who changed whose
// access, from what to what, is part of the audit trail and its hash chain.
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '../../src/domain/events/envelope';
import { hashPassword } from '../accounts/passwords';
import {
  type Account,
  findAccount,
  insertAccount,
  type NewAccount,
  type PersonChange,
  setPasswordHash,
  toPrincipal,
  type UnlinkOutcome,
  unlinkOidcIdentity,
  updateAccount,
} from '../accounts/users';
import type { Database, Queryable } from '../storage/database';
import {
  appendHoldingLock,
  CHANGES_CHANNEL,
  type ChangeNotice,
  lockLog,
  type Pusher,
  upsertAccess,
} from './eventStore';
import { canSee, collectionOf, isOrganisationWide, type StreamState } from './judge';

type StreamAccess = {
  stream_id: string;
  collection: string;
  /** Only for cases: the other collections are seen by everyone. */
  state: StreamState | null;
  can_see: boolean | null;
};

/**
 * Changes the person, moves their access rows and records the change in the log, in one
 * transaction; undefined for no such person. `by`: the administrator's session, the actor of
 * the recorded change (without it, as when an account is first made, nothing is recorded).
 */
export async function changePerson(
  db: Database,
  userId: string,
  change: PersonChange,
  by?: Pusher,
  now = new Date(),
): Promise<Account | undefined> {
  return db.transaction(async (tx) => {
    await lockLog(tx);
    return changeHoldingLock(tx, userId, change, by, now);
  });
}

/**
 * An administrator adds a person: the account, its access to existing cases, and the roles and
 * teams given (`directory.roles_changed`, "from none to case worker", the administrator as actor),
 * in ONE transaction, so an account never exists without the record of who gave it what.
 * Undefined when the username is taken; throws (and nothing stays) when the change is refused.
 */
export async function addPerson(
  db: Database,
  account: Omit<NewAccount, 'password' | 'isDemo'> & { password: string },
  by: Pusher,
  now = new Date(),
): Promise<Account | undefined> {
  const { password, roles, teamIds, ...rest } = account;
  // Slow on purpose: before the lock, which every push waits for.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await lockLog(tx);
    // Made with nothing to do, then given its roles and teams as a change, so the log shows the
    // administrator giving them.
    const created = await insertAccount(tx, { ...rest, roles: [], teamIds: [], passwordHash });
    return created && changeHoldingLock(tx, created.userId, { roles, teamIds }, by, now);
  });
}

/**
 * An administrator sets a new password for a person who forgot theirs, and the log records who
 * reset whose password and when (never the password), in one transaction; false for no such
 * person. Their devices stay signed in: it is a forgotten password, not a stolen one (revoking
 * devices is a separate, deliberate act).
 */
export async function resetPassword(
  db: Database,
  userId: string,
  password: string,
  by: Pusher,
  now = new Date(),
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await lockLog(tx);
    if (!(await setPasswordHash(tx, userId, passwordHash))) return false;
    await record(tx, by, 'directory.password_reset', { userId }, now);
    return true;
  });
}

/**
 * An administrator removes the link between a person's account and the organisation identity it
 * signs in with (a wrong first sign-in, or a new app registration that gives new subjects), and
 * the log records who did it, in one transaction; false for no such person. Their next
 * organisation sign-in links the account afresh by its username claim; their devices stay
 * signed in.
 */
export async function unlinkOrganisationSignIn(
  db: Database,
  userId: string,
  by: Pusher,
  now = new Date(),
): Promise<UnlinkOutcome> {
  return db.transaction(async (tx) => {
    await lockLog(tx);
    const outcome = await unlinkOidcIdentity(tx, userId);
    if (outcome === 'removed') await record(tx, by, 'directory.sign_in_unlinked', { userId }, now);
    return outcome;
  });
}

async function changeHoldingLock(
  tx: Queryable,
  userId: string,
  change: PersonChange,
  by: Pusher | undefined,
  now: Date,
): Promise<Account | undefined> {
  const before = await findAccount(tx, userId);
  const account = before && (await updateAccount(tx, userId, change));
  if (!before || !account) return undefined;
  await rederiveAccess(tx, account);
  if (!by) return account;
  await record(
    tx,
    by,
    'directory.roles_changed',
    {
      userId,
      rolesBefore: before.roles,
      rolesAfter: account.roles,
      teamIdsBefore: before.teamIds,
      teamIdsAfter: account.teamIds,
    },
    now,
  );
  return account;
}

/** The log refused the record of an account change (the caller is no administrator after all). */
export class ChangeRefused extends Error {}

/** Under the lock: an account change into the directory's log, the administrator as actor. */
async function record(
  tx: Queryable,
  by: Pusher,
  type: 'directory.roles_changed' | 'directory.password_reset' | 'directory.sign_in_unlinked',
  // Checked against the type's schema when the log judges it (appendHoldingLock).
  payload: { userId: string } & Record<string, unknown>,
  now: Date,
): Promise<void> {
  const recorded = await appendHoldingLock(
    tx,
    by,
    [
      {
        id: uuidv7() as EventEnvelope['id'],
        stream: 'org:directory' as EventEnvelope['stream'],
        type,
        actor: by.account.userId as EventEnvelope['actor'],
        deviceId: by.deviceId,
        madeAt: now.toISOString(),
        payload,
      },
    ],
    now,
  );
  // Refused (the caller is no administrator after all): nothing of the change may stay.
  const [refused] = recorded.rejected;
  if (refused)
    throw new ChangeRefused(`The change to ${payload.userId} could not be recorded: ${refused.reason}`);
}

/** Under the lock: every stream whose visibility to this person differs from their access row. */
async function rederiveAccess(tx: Queryable, account: Account): Promise<void> {
  const streams = await tx.query<StreamAccess>(
    `select s.stream_id, s.collection, case when s.collection = 'cases' then s.document->'state' end as state,
            a.can_see
     from streams s left join access a on a.stream_id = s.stream_id and a.user_id = $1
     order by s.stream_id`,
    [account.userId],
  );
  const [counter] = await tx.query<{ value: number }>(`select value from counters where name = 'change'`);
  let change = counter?.value ?? 0;
  const principal = toPrincipal(account);
  const rows = [];
  for (const stream of streams) {
    const isVisible =
      isOrganisationWide(stream.stream_id) || (stream.state !== null && canSee(principal, stream.state));
    // Unchanged, or never seen and still not to be: nothing to send.
    if (isVisible === (stream.can_see ?? false)) continue;
    // One change number per row: a person's rows are paged by it, so two may not share one.
    change += 1;
    rows.push({
      user_id: account.userId,
      stream_id: stream.stream_id,
      collection: stream.collection,
      can_see: isVisible,
      change_no: change,
    });
  }
  const collections = [...new Set(rows.map((r) => collectionOf(r.stream_id)))];
  const notice: ChangeNotice = { change, collections, userIds: [account.userId], pusherId: '' };
  await tx.query(
    `with
     ac as (${upsertAccess('$1')}),
     co as (
       update counters set value = case name when 'change' then $2::bigint else value + 1 end
       where name in ('change', 'people'))
     select pg_notify($3, $4) where $5::boolean`,
    [JSON.stringify(rows), change, CHANGES_CHANNEL, JSON.stringify(notice), rows.length > 0],
  );
}
