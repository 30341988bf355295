// Registers the service worker (vite-plugin-pwa's `prompt` strategy, on workbox-window) and
// exposes "a new version is waiting" as a tiny store, so the page offers a Reload and never
// reloads by surprise under a half-filled form.
import { registerSW } from 'virtual:pwa-register';

type Listener = (isWaiting: boolean) => void;

let isUpdateWaiting = false;
let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null;
const listeners = new Set<Listener>();

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh() {
      isUpdateWaiting = true;
      for (const listener of listeners) listener(true);
    },
  });
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
