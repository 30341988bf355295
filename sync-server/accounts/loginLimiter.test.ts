// Repeated failed sign-ins are slowed per account and per address, and the wall lifts in time;
// the counts are kept in the database (each engine), where every server process reads them.
// Each attempt takes a place before its password is checked, and no more are checked at once than
// the limit: many guesses sent at once get no more tries, and honest sign-ins sent at once wait.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import { createLoginLimiter, IN_FLIGHT_STALE_MS, type LoginLimiter, WINDOW_MS } from './loginLimiter';

// About as long as a real password check takes.
const CHECK_MS = 30;

describe.each(databasesUnderTest())('login limiter on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('blocks an account after the allowed failures, from any address', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    for (const address of ['a', 'b', 'c']) await limiter.recordFailure('priya', address, 0);
    expect(await limiter.retryAfter('Priya', 'd', 1_000)).toBe(59);
    expect(await limiter.retryAfter('sam', 'd', 1_000)).toBe(0);
  });

  it('blocks an address trying many accounts, at a higher limit than an account’s', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 5 });
    for (const account of ['a', 'b', 'c']) await limiter.recordFailure(account, '10.0.0.1', 0);
    // Three typos in an office: the office still signs in.
    expect(await limiter.retryAfter('someone-new', '10.0.0.1', 0)).toBe(0);
    for (const account of ['d', 'e']) await limiter.recordFailure(account, '10.0.0.1', 0);
    expect(await limiter.retryAfter('someone-new', '10.0.0.1', 0)).toBe(60);
    expect(await limiter.retryAfter('someone-new', '10.0.0.2', 0)).toBe(0);
  });

  it('gives an address ten times an account’s limit when none is set', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000 });
    for (let i = 0; i < 19; i += 1) await limiter.recordFailure(`acct-${i}`, '10.0.7.1', 0);
    expect(await limiter.retryAfter('someone-new', '10.0.7.1', 0)).toBe(0);
    await limiter.recordFailure('acct-19', '10.0.7.1', 0);
    expect(await limiter.retryAfter('someone-new', '10.0.7.1', 0)).toBe(60);
  });

  it('lets the person try again once the window has passed, and forgets failures after a success', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000 });
    await limiter.recordFailure('tom', 'x', 0);
    await limiter.recordFailure('tom', 'y', 0);
    expect(await limiter.retryAfter('tom', 'z', 30_000)).toBeGreaterThan(0);
    expect(await limiter.retryAfter('tom', 'z', 60_001)).toBe(0);
    await limiter.recordFailure('tom', 'p', 70_000);
    await limiter.recordSuccess('tom');
    await limiter.recordFailure('tom', 'q', 70_000);
    expect(await limiter.retryAfter('tom', 'r', 70_000)).toBe(0);
  });

  it('counts failures recorded at the same moment by two limiters on one database as one tally', async () => {
    const first = createLoginLimiter(db, { maxFailures: 4, windowMs: 60_000 });
    const second = createLoginLimiter(db, { maxFailures: 4, windowMs: 60_000 });
    await Promise.all([
      first.recordFailure('helen', 'm', 0),
      second.recordFailure('helen', 'n', 0),
      first.recordFailure('helen', 'o', 0),
      second.recordFailure('helen', 'p', 0),
    ]);
    expect(await first.retryAfter('helen', 'q', 0)).toBe(60);
    expect(await second.retryAfter('helen', 'q', 0)).toBe(60);
  });

  it('checks no more wrong guesses than the limit when many arrive at once, for one account', async () => {
    const first = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const second = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const checks = checksUnderWay();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checks.attempt(i % 2 ? first : second, 'ivy', `198.51.100.${i}`, 'wrong'),
      ),
    );
    expect(outcomes.filter((o) => o === 'checked')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'checked')).toEqual(
      Array(17).fill({ retryAfter: 60, isBusy: false }),
    );
    expect(checks.mostAtOnce()).toBe(3);
    // Every wrong guess counted; a right password now is still held back.
    expect(await first.reserve('ivy', '198.51.100.99', 30_000)).toEqual({
      isAllowed: false,
      retryAfter: 30,
      isBusy: false,
    });
    expect((await first.reserve('ivy', '198.51.100.99', 60_000)).isAllowed).toBe(true);
  });

  it('checks no more wrong guesses than the address limit when many arrive at once, from one address', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 4 });
    const checks = checksUnderWay();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checks.attempt(limiter, `guess-${i}`, '192.0.2.50', 'wrong')),
    );
    expect(outcomes.filter((o) => o === 'checked')).toHaveLength(4);
    expect(checks.mostAtOnce()).toBe(4);
    expect((await limiter.reserve('someone-else', '192.0.2.50', 59_000)).isAllowed).toBe(false);
    expect((await limiter.reserve('someone-else', '192.0.2.51', 59_000)).isAllowed).toBe(true);
  });

  it('lets every one of a person’s devices sign in when they all do so at once, a few at a time', async () => {
    const first = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const second = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const checks = checksUnderWay();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checks.attempt(i % 2 ? first : second, 'jo', `10.1.1.${i}`, 'right'),
      ),
    );
    expect(outcomes).toEqual(Array(20).fill('checked'));
    expect(checks.mostAtOnce()).toBe(3);
    expect(await first.retryAfter('jo', '10.1.1.1', 0)).toBe(0);
  });

  it('lets an office whose people all sign in at once from one address in, a few at a time', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000, maxAddressFailures: 4 });
    const checks = checksUnderWay();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => checks.attempt(limiter, `person-${i}`, '10.9.9.9', 'right')),
    );
    expect(outcomes).toEqual(Array(30).fill('checked'));
    expect(checks.mostAtOnce()).toBe(4);
    expect(await limiter.retryAfter('eve', '10.9.9.9', 0)).toBe(0);
  });

  it('counts wrong guesses settled, and only those, against an office’s address', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000, maxAddressFailures: 2 });
    for (const person of ['ann', 'bob', 'cat', 'dan']) {
      const attempt = await limiter.reserve(person, '10.9.9.8', 0);
      expect(attempt.isAllowed).toBe(true);
      if (attempt.isAllowed) await limiter.settle(attempt.ticket, false, 0);
    }
    expect(await limiter.retryAfter('eve', '10.9.9.8', 0)).toBe(0);
    for (const person of ['ann', 'bob']) {
      const attempt = await limiter.reserve(person, '10.9.9.8', 0);
      if (attempt.isAllowed) await limiter.settle(attempt.ticket, true, 0);
    }
    expect(await limiter.retryAfter('eve', '10.9.9.8', 0)).toBe(60);
  });

  it('gives a place back only in the window it was taken in', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000 });
    const old = await limiter.reserve('fay', '10.8.8.8', 0);
    // The window passes; a new one starts with nothing in flight, and two attempts take its places.
    const a = await limiter.reserve('fay', '10.8.8.1', 70_000);
    const b = await limiter.reserve('fay', '10.8.8.2', 70_000);
    expect([a.isAllowed, b.isAllowed]).toEqual([true, true]);
    if (old.isAllowed) await limiter.settle(old.ticket, false, 70_000);
    // Still two in flight: one more waits, and with a short wait is refused as busy.
    const busy = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000, maxWaitMs: 100 });
    expect(await busy.reserve('fay', '10.8.8.3', 70_000)).toEqual({
      isAllowed: false,
      retryAfter: 5,
      isBusy: true,
    });
    for (const held of [a, b]) if (held.isAllowed) await limiter.settle(held.ticket, true, 70_000);
    expect(await limiter.retryAfter('fay', '10.8.8.3', 70_000)).toBe(60);
  });

  it('does not let attempts left in flight by a stopped process hold an account back for long', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: WINDOW_MS, maxWaitMs: 100 });
    // Two attempts take their places and are never settled (their process stopped mid-check).
    for (const address of ['10.7.7.1', '10.7.7.2']) {
      expect((await limiter.reserve('gus', address, 0)).isAllowed).toBe(true);
    }
    // Gus is not refused for failures; his attempt waits, and a while later is told to try again.
    expect(await limiter.retryAfter('gus', '10.7.7.3', 1_000)).toBe(0);
    expect(await limiter.reserve('gus', '10.7.7.3', 1_000)).toEqual({
      isAllowed: false,
      retryAfter: 5,
      isBusy: true,
    });
    // Once no check could still be under way, the places count as given back.
    expect((await limiter.reserve('gus', '10.7.7.3', IN_FLIGHT_STALE_MS - 1)).isAllowed).toBe(false);
    expect((await limiter.reserve('gus', '10.7.7.3', IN_FLIGHT_STALE_MS + 1)).isAllowed).toBe(true);
  });
});

type Outcome = 'checked' | { retryAfter: number; isBusy: boolean };

/** Attempts that take a place, "check" the password for a moment, then settle; counts how many check at once. */
function checksUnderWay() {
  let underWay = 0;
  let most = 0;
  return {
    async attempt(
      limiter: LoginLimiter,
      account: string,
      address: string,
      password: 'right' | 'wrong',
    ): Promise<Outcome> {
      const attempt = await limiter.reserve(account, address, 0);
      if (!attempt.isAllowed) return { retryAfter: attempt.retryAfter, isBusy: attempt.isBusy };
      underWay += 1;
      most = Math.max(most, underWay);
      await sleep(CHECK_MS);
      underWay -= 1;
      await limiter.settle(attempt.ticket, password === 'wrong', 0);
      return 'checked';
    },
    mostAtOnce: () => most,
  };
}

describe.each(databasesUnderTest())('login limiter by network on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('counts every address of one IPv6 /64 as one address, and IPv4 as itself however written', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000, maxAddressFailures: 4 });
    // A client with a /64 takes a new address for each guess: it is still one place.
    for (let i = 1; i <= 4; i += 1) await limiter.recordFailure(`acct-v6-${i}`, `2001:db8:5:6::${i}`, 0);
    expect(await limiter.retryAfter('someone-new', '2001:db8:5:6:ffff::99', 0)).toBe(60);
    expect(await limiter.retryAfter('someone-new', '2001:db8:5:7::1', 0)).toBe(0);

    for (let i = 1; i <= 4; i += 1) await limiter.recordFailure(`acct-v4-${i}`, '::ffff:198.51.100.9', 0);
    expect(await limiter.retryAfter('someone-new', '198.51.100.9', 0)).toBe(60);
  });
});
