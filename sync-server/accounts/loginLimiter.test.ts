// Repeated failed sign-ins are slowed per account and per address, and the wall lifts in time;
// the counts are kept in the database (each engine), where every server process reads them.
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
});
