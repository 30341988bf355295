// Asks the browser to keep this origin's data (navigator.storage.persist) so IndexedDB is not
// evicted under storage pressure, and reports how much is stored. Outside a browser (Node
// tests) both answer "unknown" rather than failing.
export type StorageEstimate = { usage: number | null; quota: number | null; isPersisted: boolean };

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

/** Requests persistent storage once; resolves whether the browser granted it. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = storageManager();
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function estimateStorage(): Promise<StorageEstimate> {
  const storage = storageManager();
  if (!storage?.estimate) return { usage: null, quota: null, isPersisted: false };
  const [estimate, isPersisted] = await Promise.all([storage.estimate(), storage.persisted()]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, isPersisted };
}

/** "12.4 MB of 2.1 GB" for the account page. */
export function describeStorage(estimate: StorageEstimate): string {
  if (estimate.usage === null) return 'This browser does not say how much it stores.';
  const size = (bytes: number) => {
    const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
  };
  const kept = estimate.isPersisted
    ? 'kept until you remove it'
    : 'may be cleared by the browser if space runs low';
  return estimate.quota === null
    ? `${size(estimate.usage)} stored on this device (${kept}).`
    : `${size(estimate.usage)} of ${size(estimate.quota)} used on this device (${kept}).`;
}
