// Repeated failed sign-ins are slowed per account and per address, and the wall lifts in time.
import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './loginLimiter';

describe('login limiter', () => {
  it('blocks an account after the allowed failures, from any address', () => {
    const limiter = createLoginLimiter(3, 60_000);
    for (const address of ['a', 'b', 'c']) limiter.recordFailure('priya', address, 0);
    expect(limiter.retryAfter('Priya', 'd', 1_000)).toBe(59);
    expect(limiter.retryAfter('sam', 'd', 1_000)).toBe(0);
  });

  it('blocks an address trying many accounts', () => {
    const limiter = createLoginLimiter(3, 60_000);
    for (const account of ['a', 'b', 'c']) limiter.recordFailure(account, '10.0.0.1', 0);
    expect(limiter.retryAfter('someone-new', '10.0.0.1', 0)).toBeGreaterThan(0);
    expect(limiter.retryAfter('someone-new', '10.0.0.2', 0)).toBe(0);
  });

  it('lets the person try again once the window has passed, and forgets failures after a success', () => {
    const limiter = createLoginLimiter(2, 60_000);
    limiter.recordFailure('tom', 'x', 0);
    limiter.recordFailure('tom', 'y', 0);
    expect(limiter.retryAfter('tom', 'z', 30_000)).toBeGreaterThan(0);
    expect(limiter.retryAfter('tom', 'z', 60_001)).toBe(0);
    limiter.recordFailure('tom', 'p', 70_000);
    limiter.recordSuccess('tom');
    limiter.recordFailure('tom', 'q', 70_000);
    expect(limiter.retryAfter('tom', 'r', 70_000)).toBe(0);
  });
});
