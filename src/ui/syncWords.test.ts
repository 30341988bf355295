import { describe, expect, it } from 'vitest';
import { syncWords, timeAgo } from './syncWords';

const NOW = new Date('2026-03-04T10:00:00Z');

describe('the sync indicator words', () => {
  it('says how many changes are waiting while they are only on this device', () => {
    expect(syncWords({ state: 'syncing', pendingCount: 3, lastSyncedAt: null }, NOW)).toBe(
      'Saved on this device — 3 changes waiting to send',
    );
    expect(syncWords({ state: 'offline', pendingCount: 1, lastSyncedAt: null }, NOW)).toBe(
      'Offline. Saved on this device — 1 change waiting to send',
    );
  });

  it('says when everything was last sent', () => {
    expect(syncWords({ state: 'synced', pendingCount: 0, lastSyncedAt: '2026-03-04T09:58:00Z' }, NOW)).toBe(
      'All changes sent 2 minutes ago',
    );
  });

  it('says Offline and nothing more when nothing is waiting', () => {
    expect(syncWords({ state: 'offline', pendingCount: 0, lastSyncedAt: '2026-03-04T09:00:00Z' }, NOW)).toBe(
      'Offline',
    );
  });

  it('counts time in words a person reads at a glance', () => {
    expect(timeAgo('2026-03-04T09:59:50Z', NOW)).toBe('just now');
    expect(timeAgo('2026-03-04T08:00:00Z', NOW)).toBe('2 hours ago');
    expect(timeAgo('2026-03-03T10:00:00Z', NOW)).toBe('yesterday');
  });
});
