// Device sessions: each sign-in is one device with its own bearer token (also the HttpOnly
// cookie). Only the token's sha256 is stored. Revoking a device makes its next call fail with
// `device_revoked`, which tells the device to wipe what it holds. A session not used for the
// idle limit (CLEARWAY_SESSION_IDLE_DAYS) has ended: it is refused, but not revoked, so the device
// keeps what it holds (its unsent changes among it) and only the person signs in again.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../storage/database';

export type DeviceSession = {
  deviceId: string;
  userId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
};

type SessionRow = {
  device_id: string;
  user_id: string;
  name: string;
  created_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
};

// A device that is used every minute need not write every minute.
const LAST_SEEN_RESOLUTION_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toSession(row: SessionRow): DeviceSession {
  return {
    deviceId: row.device_id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

const COLUMNS = 'device_id, user_id, name, created_at, last_seen_at, revoked_at';

export async function startSession(
  db: Queryable,
  userId: string,
  name: string,
): Promise<{ token: string; session: DeviceSession }> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await db.query<SessionRow>(
    `insert into device_sessions (device_id, user_id, name, token_hash) values ($1, $2, $3, $4) returning ${COLUMNS}`,
    [randomUUID(), userId, name, hashToken(token)],
  );
  if (!row) throw new Error('The device session was not created.');
  return { token, session: toSession(row) };
}

/**
 * The session behind `token`, and whether it has gone unused for longer than `idleDays`.
 * Using it marks it seen (at most once a minute, so not a write per request); a session that
 * has ended is not marked, or the refusal itself would bring it back to life.
 */
export async function findSessionByToken(
  db: Queryable,
  token: string,
  idleDays: number,
): Promise<(DeviceSession & { isIdleTooLong: boolean }) | undefined> {
  // Measured by the database's clock, which wrote last_seen_at, not by this process's.
  const [row] = await db.query<SessionRow & { is_idle_too_long: boolean }>(
    `select ${COLUMNS}, last_seen_at < now() - $2::float8 * interval '1 day' as is_idle_too_long
     from device_sessions where token_hash = $1`,
    [hashToken(token), idleDays],
  );
  if (!row) return undefined;
  if (
    !row.revoked_at &&
    !row.is_idle_too_long &&
    Date.now() - row.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS
  ) {
    await db.query('update device_sessions set last_seen_at = now() where device_id = $1', [row.device_id]);
  }
  return { ...toSession(row), isIdleTooLong: row.is_idle_too_long };
}

export async function findSession(db: Queryable, deviceId: string): Promise<DeviceSession | undefined> {
  const [row] = await db.query<SessionRow>(`select ${COLUMNS} from device_sessions where device_id = $1`, [
    deviceId,
  ]);
  return row && toSession(row);
}

export async function listSessions(db: Queryable, userId: string): Promise<DeviceSession[]> {
  const rows = await db.query<SessionRow>(
    `select ${COLUMNS} from device_sessions where user_id = $1 order by created_at desc`,
    [userId],
  );
  return rows.map(toSession);
}

/** Where a revocation is announced (at commit, to every server process), so open streams close. */
export const REVOCATIONS_CHANNEL = 'clearway_revocations';

export async function revokeSession(db: Queryable, deviceId: string): Promise<void> {
  await db.query(
    `with revoked as (
       update device_sessions set revoked_at = coalesce(revoked_at, now()) where device_id = $1 returning device_id)
     select pg_notify($2, device_id) from revoked`,
    [deviceId, REVOCATIONS_CHANNEL],
  );
}

/**
 * Revokes every session of a person but `keptDeviceId` (the device they are using, when they
 * change their own password): each of those devices wipes what it holds at its next call.
 */
export async function revokeOtherSessions(
  db: Queryable,
  userId: string,
  keptDeviceId: string | null,
): Promise<void> {
  await db.query(
    `with revoked as (
       update device_sessions set revoked_at = now()
       where user_id = $1 and revoked_at is null and device_id is distinct from $2 returning device_id)
     select pg_notify($3, device_id) from revoked`,
    [userId, keptDeviceId, REVOCATIONS_CHANNEL],
  );
}

/** Per person, how many devices are signed in and when one was last used (people with none are absent). */
export async function activeDevicesByPerson(
  db: Queryable,
): Promise<Map<string, { count: number; lastSeenAt: string }>> {
  const rows = await db.query<{ user_id: string; n: number; last_seen: Date }>(
    `select user_id, count(*)::int as n, max(last_seen_at) as last_seen
     from device_sessions where revoked_at is null group by user_id`,
  );
  return new Map(
    rows.map((r) => [r.user_id, { count: r.n, lastSeenAt: new Date(r.last_seen).toISOString() }]),
  );
}
