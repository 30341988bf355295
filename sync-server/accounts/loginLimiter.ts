// Slows password guessing: after `maxFailures` failed sign-ins within `windowMs`, further
// attempts for that account, or from that address, are refused (429) until the window passes.
// The counts live in the database (migration 008), so several server processes behind a load
// balancer enforce one limit between them, not one each.
import type { Queryable } from '../storage/database';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type LoginLimits = { maxFailures: number; windowMs: number };

export type LoginLimiter = {
  /** Seconds until `account` from `address` may try again, or 0 when it may now. */
  retryAfter(account: string, address: string, now?: number): Promise<number>;
  recordFailure(account: string, address: string, now?: number): Promise<void>;
  recordSuccess(account: string): Promise<void>;
};

const accountKey = (account: string) => `account:${account.toLowerCase()}`;
const keys = (account: string, address: string) => [accountKey(account), `address:${address}`];

export function createLoginLimiter(
  db: Queryable,
  { maxFailures, windowMs }: LoginLimits = { maxFailures: MAX_FAILURES, windowMs: WINDOW_MS },
): LoginLimiter {
  return {
    async retryAfter(account, address, now = Date.now()) {
      const [row] = await db.query<{ until_ms: number | null }>(
        `select max(first_at_ms) + $4::bigint as until_ms from login_failures
         where key = any($1::text[]) and failures >= $2 and first_at_ms > $3::bigint - $4::bigint`,
        [keys(account, address), maxFailures, now, windowMs],
      );
      return row?.until_ms ? Math.max(0, Math.ceil((row.until_ms - now) / 1000)) : 0;
    },
    async recordFailure(account, address, now = Date.now()) {
      // One statement per key, atomic however many processes count at once; a window that has
      // passed starts again at this failure.
      await db.query(
        `insert into login_failures (key, failures, first_at_ms)
         select key, 1, $2::bigint from unnest($1::text[]) as key
         on conflict (key) do update set
           failures = case when login_failures.first_at_ms < $2::bigint - $3::bigint then 1
                      else login_failures.failures + 1 end,
           first_at_ms = case when login_failures.first_at_ms < $2::bigint - $3::bigint then $2::bigint
                         else login_failures.first_at_ms end`,
        [keys(account, address), now, windowMs],
      );
      // Windows long past are of no use to anyone.
      await db.query('delete from login_failures where first_at_ms < $1::bigint - $2::bigint', [
        now,
        windowMs,
      ]);
    },
    async recordSuccess(account) {
      await db.query('delete from login_failures where key = $1', [accountKey(account)]);
    },
  };
}
