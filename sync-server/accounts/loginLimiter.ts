// Slows password guessing: after MAX_FAILURES failed sign-ins within WINDOW_MS, further
// attempts for that account, or from that address, are refused (429) until the window passes.
// Kept in the process's memory: behind a load balancer each process counts on its own, so the
// effective limit is MAX_FAILURES × processes — still a wall against guessing at speed.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

type Failures = { count: number; firstAt: number };

export type LoginLimiter = {
  /** Seconds until `account` from `address` may try again, or 0 when it may now. */
  retryAfter(account: string, address: string, now?: number): number;
  recordFailure(account: string, address: string, now?: number): void;
  recordSuccess(account: string): void;
};

export function createLoginLimiter(maxFailures = MAX_FAILURES, windowMs = WINDOW_MS): LoginLimiter {
  const byKey = new Map<string, Failures>();
  const keys = (account: string, address: string) => [
    `account:${account.toLowerCase()}`,
    `address:${address}`,
  ];
  const live = (key: string, now: number) => {
    const entry = byKey.get(key);
    if (entry && now - entry.firstAt > windowMs) {
      byKey.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    retryAfter(account, address, now = Date.now()) {
      const waits = keys(account, address).map((key) => {
        const entry = live(key, now);
        return entry && entry.count >= maxFailures ? Math.ceil((entry.firstAt + windowMs - now) / 1000) : 0;
      });
      return Math.max(...waits);
    },
    recordFailure(account, address, now = Date.now()) {
      for (const key of keys(account, address)) {
        const entry = live(key, now);
        byKey.set(key, entry ? { ...entry, count: entry.count + 1 } : { count: 1, firstAt: now });
      }
    },
    recordSuccess(account) {
      byKey.delete(`account:${account.toLowerCase()}`);
    },
  };
}
