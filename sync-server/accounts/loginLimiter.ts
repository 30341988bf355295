// Slows password guessing: after `maxFailures` wrong passwords for one account within `windowMs`,
// or `maxAddressFailures` from one address (an IPv6 client's whole /64), further attempts for that
// account, or from that address, are refused (429) until the window passes. An address has a
// much higher limit than an account: people in one office share an address behind its NAT, and
// a few typos among them must not lock the office out, while trying one password on many
// accounts from one place is still stopped. The counts live in the database (migrations 008 and
// 012), so several server processes behind a load balancer enforce one limit between them, not
// one each.
//
// Checking a password is slow on purpose (scrypt): a limit read before the check and a failure
// written after it would let N guesses sent at once all pass the check. So each attempt takes a
// place first (`reserve`, under row locks, account before address), and no more attempts than the
// limit are under check at once for one key: failures plus attempts in flight never pass it. An
// attempt that finds no place does not fail: it waits (polling every few tens of milliseconds, up
// to `maxWaitMs`), so honest sign-ins that arrive together are only delayed, while guesses that
// prove wrong fill the limit and everyone waiting behind them is then refused. `settle` gives the
// place back and counts the failure when it was a wrong guess.
//
// Attempts left in flight by a process that stopped mid-check: the count is set to 0 whenever a
// window starts again, and a count whose newest attempt began more than IN_FLIGHT_STALE_MS ago
// (far longer than any check takes) is treated as gone. A late `settle` of such an attempt may
// then take one place too many back; the worst that does is let one more check run at once.
import type { Database } from '../storage/database';
import { addressKey } from './addressKey';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
/** An address may make this many times an account's failures (50 with the defaults). */
export const ADDRESS_FAILURES_PER_ACCOUNT_FAILURE = 10;
export const MAX_ADDRESS_FAILURES = MAX_FAILURES * ADDRESS_FAILURES_PER_ACCOUNT_FAILURE;
/** How long an attempt waits for a place before it is refused as busy. */
export const MAX_WAIT_MS = 10_000;
/** A check takes well under a second; attempts in flight for this long were left by a stopped process. */
export const IN_FLIGHT_STALE_MS = 60_000;
// Between two looks for a place, when no attempt on this process has given one back meanwhile
// (that wakes its waiters at once): for places given back on other processes. With jitter, so
// waiting attempts do not all look at once.
const WAIT_POLL_MS = 40;
const WAIT_JITTER_MS = 40;
/** What a busy refusal tells the caller to wait: the attempts ahead of it are nearly done. */
const BUSY_RETRY_AFTER_S = 5;

export type LoginLimits = {
  maxFailures: number;
  windowMs: number;
  /** Failures one address may make, over all accounts; ADDRESS_FAILURES_PER_ACCOUNT_FAILURE × maxFailures when left out. */
  maxAddressFailures?: number;
  /** How long an attempt waits for a place (tests shorten it); MAX_WAIT_MS when left out. */
  maxWaitMs?: number;
};

/** One attempt holding a place under its keys, with the window each was counted in. */
export type AttemptTicket = { windows: { key: string; startedAtMs: number }[] };

export type Attempt =
  | { isAllowed: true; ticket: AttemptTicket }
  /** `isBusy`: refused only because the attempts ahead of it took too long, not for failures. */
  | { isAllowed: false; retryAfter: number; isBusy: boolean };

export type LoginLimiter = {
  /**
   * Takes a place for one attempt for `account` from `address`, waiting for one if the attempts
   * under check fill the limit; atomically however many processes try at once. Refused when
   * either key has reached its limit of failures, saying how many seconds until it may try.
   */
  reserve(account: string, address: string, now?: number): Promise<Attempt>;
  /** Gives the attempt's place back; counts a failure when it was a wrong guess. */
  settle(ticket: AttemptTicket, isWrongGuess: boolean, now?: number): Promise<void>;
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
// An IPv6 address counts by its /64, which one client holds whole (./addressKey.ts).
const keys = (account: string, address: string) => [accountKey(account), `address:${addressKey(address)}`];
const isAddressKey = (key: string) => key.startsWith('address:');

/** A key's counts as they stand at `now` (see `countsAt`), and what they allow. */
type Counts = {
  key: string;
  failures: number;
  startedAtMs: number;
  inFlight: number;
  inFlightSinceMs: number;
};

type CountRow = {
  key: string;
  failures: number;
  first_at_ms: number;
  in_flight: number;
  in_flight_since_ms: number;
};

export function createLoginLimiter(
  db: Database,
  {
    maxFailures,
    windowMs,
    maxAddressFailures = maxFailures * ADDRESS_FAILURES_PER_ACCOUNT_FAILURE,
    maxWaitMs = MAX_WAIT_MS,
  }: LoginLimits = { maxFailures: MAX_FAILURES, windowMs: WINDOW_MS },
): LoginLimiter {
  const limitOf = (key: string) => (isAddressKey(key) ? maxAddressFailures : maxFailures);
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

  // A window that has passed starts again at `now`, with nothing in flight; counts in flight
  // whose newest attempt began too long ago were left by a stopped process.
  const countsAt = (r: CountRow, now: number): Counts =>
    isCurrent(r.first_at_ms, now)
      ? {
          key: r.key,
          failures: r.failures,
          startedAtMs: r.first_at_ms,
          inFlight: r.in_flight_since_ms > now - IN_FLIGHT_STALE_MS ? r.in_flight : 0,
          inFlightSinceMs: Math.max(r.in_flight_since_ms, now),
        }
      : { key: r.key, failures: 0, startedAtMs: now, inFlight: 0, inFlightSinceMs: now };

  /** A refusal when a key has reached its limit; 'full' when an attempt must wait; else 'room'. */
  const judge = (counts: Counts[], now: number): Attempt | 'full' | 'room' => {
    const blocked = counts.filter((c) => c.failures >= limitOf(c.key));
    if (blocked.length > 0) {
      return {
        isAllowed: false,
        retryAfter: Math.max(...blocked.map((c) => secondsLeft(c.startedAtMs, now))),
        isBusy: false,
      };
    }
    // Were every attempt under check a wrong guess, one more could pass the limit: wait.
    return counts.some((c) => c.failures + c.inFlight >= limitOf(c.key)) ? 'full' : 'room';
  };

  /**
   * Whether a look under locks could end now. A plain read, without a transaction: waiting
   * attempts look often, and a look that only finds the places still taken should cost little.
   */
  const isWorthLooking = async (account: string, address: string, now: number) => {
    const rows = await db.query<CountRow>(
      `select key, failures, first_at_ms::float8 as first_at_ms, in_flight,
              in_flight_since_ms::float8 as in_flight_since_ms
       from login_failures where key = any($1::text[])`,
      [keys(account, address)],
    );
    const counts = rows.map((r) => countsAt(r, now));
    return judge(counts, now) !== 'full';
  };

  // Attempts on this process waiting for a place: woken when one here is given back.
  const waiting = new Set<() => void>();
  const napUntilPlaceMayBeFree = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, WAIT_POLL_MS + Math.random() * WAIT_JITTER_MS);
      waiting.add(wake);
    });

  /** One look for a place under locks: an attempt, a refusal, or 'full' (wait and look again). */
  const tryReserve = (account: string, address: string, now: number) =>
    db.transaction(async (tx): Promise<Attempt | 'full'> => {
      // Makes both rows if need be and locks them (a no-op update locks, and returns the latest
      // committed counts): an attempt on another process waits here until this one has its place.
      const rows = await tx.query<CountRow>(
        `insert into login_failures (key, failures, first_at_ms)
         select key, 0, $2::bigint from unnest($1::text[]) with ordinality as k(key, n) order by n
         on conflict (key) do update set failures = login_failures.failures
         returning key, failures, first_at_ms::float8 as first_at_ms, in_flight,
                   in_flight_since_ms::float8 as in_flight_since_ms`,
        [keys(account, address), now],
      );
      const counts = rows.map((r) => countsAt(r, now));
      const verdict = judge(counts, now);
      if (verdict !== 'room') return verdict;
      await tx.query(
        `update login_failures
         set failures = c.failures, first_at_ms = c.started, in_flight = c.in_flight, in_flight_since_ms = c.since
         from unnest($1::text[], $2::int[], $3::bigint[], $4::int[], $5::bigint[])
           as c(key, failures, started, in_flight, since)
         where login_failures.key = c.key`,
        [
          counts.map((c) => c.key),
          counts.map((c) => c.failures),
          counts.map((c) => c.startedAtMs),
          counts.map((c) => c.inFlight + 1),
          counts.map((c) => c.inFlightSinceMs),
        ],
      );
      return {
        isAllowed: true,
        ticket: { windows: counts.map(({ key, startedAtMs }) => ({ key, startedAtMs })) },
      };
    });

  /**
   * One failure for `key`, atomic however many processes count at once; a window that has passed
   * starts again at this failure. `heldSince`: the window the failing attempt's place was taken
   * in, given back here (only in that window, so one that has started since keeps its count).
   */
  const countFailure = (key: string, heldSince: number | null, now: number) =>
    db.query(
      `insert into login_failures (key, failures, first_at_ms) values ($1, 1, $3::bigint)
       on conflict (key) do update set
         failures = case when login_failures.first_at_ms <= $3::bigint - $4::bigint then 1
                    else login_failures.failures + 1 end,
         in_flight = case when login_failures.first_at_ms <= $3::bigint - $4::bigint then 0
                     when login_failures.first_at_ms = $2::bigint then greatest(login_failures.in_flight - 1, 0)
                     else login_failures.in_flight end,
         first_at_ms = case when login_failures.first_at_ms <= $3::bigint - $4::bigint then $3::bigint
                       else login_failures.first_at_ms end`,
      [key, heldSince, now, windowMs],
    );

  return {
    async reserve(account, address, now = Date.now()) {
      // Waiting is timed by the real clock; the windows keep to `now`, the server's (tests move it).
      const giveUpAt = performance.now() + maxWaitMs;
      let attempt = await tryReserve(account, address, now);
      while (attempt === 'full' && performance.now() < giveUpAt) {
        await napUntilPlaceMayBeFree();
        if (await isWorthLooking(account, address, now)) attempt = await tryReserve(account, address, now);
      }
      await forgetPastWindows(now);
      return attempt === 'full'
        ? { isAllowed: false, retryAfter: BUSY_RETRY_AFTER_S, isBusy: true }
        : attempt;
    },
    async settle(ticket, isWrongGuess, now = Date.now()) {
      // One row a statement (never two locks held at once), in the ticket's order.
      for (const { key, startedAtMs } of ticket.windows) {
        if (isWrongGuess) await countFailure(key, startedAtMs, now);
        else
          await db.query(
            `update login_failures set in_flight = greatest(in_flight - 1, 0)
             where key = $1 and first_at_ms = $2::bigint`,
            [key, startedAtMs],
          );
      }
      for (const wake of [...waiting]) wake();
    },
    async retryAfter(account, address, now = Date.now()) {
      const rows = await db.query<{ key: string; failures: number; first_at_ms: number }>(
        `select key, failures, first_at_ms::float8 as first_at_ms from login_failures
         where key = any($1::text[]) and first_at_ms > $2::bigint - $3::bigint`,
        [keys(account, address), now, windowMs],
      );
      const blocked = rows.filter((r) => r.failures >= limitOf(r.key));
      return Math.max(0, ...blocked.map((r) => secondsLeft(r.first_at_ms, now)));
    },
    async recordFailure(account, address, now = Date.now()) {
      for (const key of keys(account, address)) await countFailure(key, null, now);
      await forgetPastWindows(now);
    },
    async recordSuccess(account) {
      // The attempts under check keep their places: they are counted out as they settle.
      await db.query('update login_failures set failures = 0 where key = $1', [accountKey(account)]);
    },
  };
}
