// Web Worker entry for the redaction engine: the review tool redacts off the main thread so the
// page stays responsive on a tablet. Start it with
// `new Worker(new URL('./redactWorker.ts', import.meta.url), { type: 'module' })` (see client.ts).
import type { MessageEndpoint } from './protocol';
import { serveRedactions } from './serve';

serveRedactions(globalThis as unknown as MessageEndpoint);
