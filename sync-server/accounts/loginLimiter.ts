// Slows password guessing: after `maxFailures` failed sign-ins within `windowMs`, further
// attempts for that account, or from that address, are refused (429) until the window passes.
// The counts live in the database (migration 008), so several server processes behind a load
// balancer enforce one limit between them, not one each.
//
// An attempt is counted before its password is checked (`reserve`), under row locks, and only
// taken back (`takeBack`) when it proves not to be a wrong guess. Checking a password is slow on
// purpose (scrypt): a limit read before the check and a failure written after it would let N
// guesses sent at once all pass the check, N guesses a window instead of the limit.
import type { Database } from '../storage/database';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type LoginLimits = { maxFailures: number; windowMs: number };

/** One attempt counted against its keys, with the window each was counted in. */
export type AttemptTicket = { windows: { key: string; startedAtMs: number }[] };

export type Attempt = { isAllowed: true; ticket: AttemptTicket } | { isAllowed: false; retryAfter: number };

export type LoginLimiter = {
  /**
   * Counts one attempt for `account` from `address` if both are under the limit, atomically
   * however many processes try at once; otherwise says how many seconds until they may try.
   */
  reserve(account: string, address: string, now?: number): Promise<Attempt>;
  /** The attempt was no wrong guess (the password was right, or it was refused for another reason). */
  takeBack(ticket: AttemptTicket): Promise<void>;
  /** Seconds until `account` from `address` may try again, or 0 when it may now. */
  retryAfter(account: string, address: string, now?: number): Promise<number>;
  /** Counts a failure with no attempt reserved for it (an attempt made elsewhere). */
  recordFailure(account: string, address: string, now?: number): Promise<void>;
  /** Forgets the account's failures (a right password, or an administrator's reset). */
  recordSuccess(account: string): Promise<void>;
};

const accountKey = (account: string) => `account:${account.toLowerCase()}`;
// Always in this order, account before address: every statement that locks both rows locks
// them in the same order, so two attempts never wait on each other's second row.
const keys = (account: string, address: string) => [accountKey(account), `address:${address}`];

type CountRow = { key: string; failures: number; first_at_ms: number };

export function createLoginLimiter(
  db: Database,
  { maxFailures, windowMs }: LoginLimits = { maxFailures: MAX_FAILURES, windowMs: WINDOW_MS },
): LoginLimiter {
  const isCurrent = (startedAtMs: number, now: number) => startedAtMs > now - windowMs;
  const secondsLeft = (startedAtMs: number, now: number) =>
    Math.max(0, Math.ceil((startedAtMs + windowMs - now) / 1000));

  // Windows long past are of no use to anyone. Rows an attempt holds are left for another time
  // (skip locked), so this never waits on, or deadlocks with, an attempt.
  const forgetPastWindows = (now: number) =>
    db.query(
      `delete from login_failures where key in (
         select key from login_failures where first_at_ms <= $1::bigint - $2::bigint for update skip locked)`,
      [now, windowMs],
    );

  return {
    async reserve(account, address, now = Date.now()) {
      const attempt = await db.transaction(async (tx): Promise<Attempt> => {
        // Makes both rows if need be and locks them (a no-op update locks, and returns the latest
        // committed counts): an attempt on another process waits here until this one is counted.
        const rows = await tx.query<CountRow>(
          `insert into login_failures (key, failures, first_at_ms)
           select key, 0, $2::bigint from unnest($1::text[]) with ordinality as k(key, n) order by n
           on conflict (key) do update set failures = login_failures.failures
           returning key, failures, first_at_ms::float8 as first_at_ms`,
          [keys(account, address), now],
        );
        const blocked = rows.filter((r) => isCurrent(r.first_at_ms, now) && r.failures >= maxFailures);
        if (blocked.length > 0) {
          return {
            isAllowed: false,
            retryAfter: Math.max(...blocked.map((r) => secondsLeft(r.first_at_ms, now))),
          };
        }
        // A window that has passed starts again at this attempt.
        const counted = rows.map((r) =>
          isCurrent(r.first_at_ms, now)
            ? { key: r.key, failures: r.failures + 1, startedAtMs: r.first_at_ms }
            : { key: r.key, failures: 1, startedAtMs: now },
        );
        await tx.query(
          `update login_failures set failures = c.failures, first_at_ms = c.started
           from unnest($1::text[], $2::int[], $3::bigint[]) as c(key, failures, started)
           where login_failures.key = c.key`,
          [counted.map((c) => c.key), counted.map((c) => c.failures), counted.map((c) => c.startedAtMs)],
        );
        return {
          isAllowed: true,
          ticket: { windows: counted.map(({ key, startedAtMs }) => ({ key, startedAtMs })) },
        };
      });
      await forgetPastWindows(now);
      return attempt;
    },
    async takeBack(ticket) {
      // One row a statement (never two locks held at once); only in the window it was counted
      // in, so a window that has started again since keeps its own count.
      for (const { key, startedAtMs } of ticket.windows) {
        await db.query(
          `update login_failures set failures = failures - 1
           where key = $1 and first_at_ms = $2::bigint and failures > 0`,
          [key, startedAtMs],
        );
      }
    },
    async retryAfter(account, address, now = Date.now()) {
      const [row] = await db.query<{ started: number | null }>(
        `select max(first_at_ms)::float8 as started from login_failures
         where key = any($1::text[]) and failures >= $2 and first_at_ms > $3::bigint - $4::bigint`,
        [keys(account, address), maxFailures, now, windowMs],
      );
      return row?.started != null ? secondsLeft(row.started, now) : 0;
    },
    async recordFailure(account, address, now = Date.now()) {
      // One statement per key, atomic however many processes count at once; a window that has
      // passed starts again at this failure.
      await db.query(
        `insert into login_failures (key, failures, first_at_ms)
         select key, 1, $2::bigint from unnest($1::text[]) with ordinality as k(key, n) order by n
         on conflict (key) do update set
           failures = case when login_failures.first_at_ms <= $2::bigint - $3::bigint then 1
                      else login_failures.failures + 1 end,
           first_at_ms = case when login_failures.first_at_ms <= $2::bigint - $3::bigint then $2::bigint
                         else login_failures.first_at_ms end`,
        [keys(account, address), now, windowMs],
      );
      await forgetPastWindows(now);
    },
    async recordSuccess(account) {
      await db.query('delete from login_failures where key = $1', [accountKey(account)]);
    },
  };
}
