// Repeated failed sign-ins are slowed per account and per address, and the wall lifts in time;
// the counts are kept in the database (each engine), where every server process reads them.
// Attempts are counted before the password is checked, so many sent at once get no more tries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/database';
import { databasesUnderTest } from '../testing/databases';
import { createLoginLimiter } from './loginLimiter';

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

  it('blocks an address trying many accounts', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    for (const account of ['a', 'b', 'c']) await limiter.recordFailure(account, '10.0.0.1', 0);
    expect(await limiter.retryAfter('someone-new', '10.0.0.1', 0)).toBeGreaterThan(0);
    expect(await limiter.retryAfter('someone-new', '10.0.0.2', 0)).toBe(0);
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

  it('lets no more attempts through than the limit when many arrive at once, for one account', async () => {
    const first = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const second = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).reserve('ivy', `198.51.100.${i}`, 0)),
    );
    expect(attempts.filter((a) => a.isAllowed)).toHaveLength(3);
    expect(attempts.filter((a) => !a.isAllowed).map((a) => !a.isAllowed && a.retryAfter)).toEqual(
      Array(17).fill(60),
    );
    // Every one let through counted; a right password now is still held back.
    expect(await first.reserve('ivy', '198.51.100.99', 30_000)).toEqual({ isAllowed: false, retryAfter: 30 });
    expect((await first.reserve('ivy', '198.51.100.99', 60_000)).isAllowed).toBe(true);
  });

  it('lets no more attempts through than the limit when many arrive at once, from one address', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 3, windowMs: 60_000 });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiter.reserve(`guess-${i}`, '192.0.2.50', 0)),
    );
    expect(attempts.filter((a) => a.isAllowed)).toHaveLength(3);
    expect((await limiter.reserve('someone-else', '192.0.2.50', 59_000)).isAllowed).toBe(false);
    expect((await limiter.reserve('someone-else', '192.0.2.51', 59_000)).isAllowed).toBe(true);
  });

  it('does not count an attempt that is taken back, so people signing in from one office are not held back', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000 });
    for (const person of ['ann', 'bob', 'cat', 'dan']) {
      const attempt = await limiter.reserve(person, '10.9.9.9', 0);
      expect(attempt.isAllowed).toBe(true);
      if (attempt.isAllowed) await limiter.takeBack(attempt.ticket);
    }
    expect(await limiter.retryAfter('eve', '10.9.9.9', 0)).toBe(0);
    // Attempts kept (wrong guesses) do count.
    await limiter.reserve('ann', '10.9.9.9', 0);
    await limiter.reserve('bob', '10.9.9.9', 0);
    expect(await limiter.retryAfter('eve', '10.9.9.9', 0)).toBe(60);
  });

  it('takes an attempt back only from the window it was counted in', async () => {
    const limiter = createLoginLimiter(db, { maxFailures: 2, windowMs: 60_000 });
    const old = await limiter.reserve('fay', '10.8.8.8', 0);
    // The window passes; two wrong guesses fill the next one.
    await limiter.reserve('fay', '10.8.8.1', 70_000);
    await limiter.reserve('fay', '10.8.8.2', 70_000);
    if (old.isAllowed) await limiter.takeBack(old.ticket);
    expect(await limiter.retryAfter('fay', '10.8.8.3', 70_000)).toBe(60);
  });
});
