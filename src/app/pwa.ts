// Registers the service worker (vite-plugin-pwa's `prompt` strategy, on workbox-window) and
// exposes "a new version is waiting" as a tiny store, so the page offers a Reload and never
// reloads by surprise under a half-filled form.
import { registerSW } from 'virtual:pwa-register';

type Listener = (isWaiting: boolean) => void;

let isUpdateWaiting = false;
let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null;
const listeners = new Set<Listener>();

/** Longest the service worker waits for the page to be idle after loading. */
const REGISTER_WITHIN_MS = 3_000;

/**
 * Registers once the page has loaded and the first screen is drawn: installing the worker
 * downloads every precached file (pdf.js alone is megabytes), which must not compete with
 * opening the person's cases on a cold start.
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    applyUpdate = registerSW({
      immediate: true,
      onNeedRefresh() {
        isUpdateWaiting = true;
        for (const listener of listeners) listener(true);
      },
    });
  };
  const whenIdle = () =>
    'requestIdleCallback' in window
      ? requestIdleCallback(register, { timeout: REGISTER_WITHIN_MS })
      : setTimeout(register, 0);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

export function onUpdateWaiting(listener: Listener): () => void {
  listeners.add(listener);
  listener(isUpdateWaiting);
  return () => listeners.delete(listener);
}

export async function reloadToUpdate(): Promise<void> {
  if (applyUpdate) await applyUpdate(true);
  else window.location.reload();
}
