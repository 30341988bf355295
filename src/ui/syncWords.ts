// Turns the data layer's sync status into the plain words the header shows. Pure: `now` is
// passed in so the words can be tested and re-rendered on a timer.
export type SyncWordsInput = {
  state: 'offline' | 'syncing' | 'synced' | 'error';
  pendingCount: number;
  lastSyncedAt: string | null;
  message?: string;
};

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

export function timeAgo(from: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(from).getTime()) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

export function syncWords(status: SyncWordsInput, now: Date): string {
  const waiting = status.pendingCount > 0 ? ` — ${changes(status.pendingCount)} waiting to send` : '';
  switch (status.state) {
    case 'offline':
      return status.pendingCount > 0 ? `Offline. Saved on this device${waiting}` : 'Offline';
    case 'syncing':
      return status.pendingCount > 0 ? `Saved on this device${waiting}` : 'Sending and receiving changes';
    case 'error':
      return `Cannot reach the server. Saved on this device${waiting}`;
    case 'synced':
      if (status.pendingCount > 0) return `Saved on this device${waiting}`;
      return status.lastSyncedAt
        ? `All changes sent ${timeAgo(status.lastSyncedAt, now)}`
        : 'All changes sent';
  }
}
