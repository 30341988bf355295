// The main-thread side of the redaction worker: one call per job, with progress and cancel.
// The input bytes are copied before transfer so the caller's array stays usable.
import type { Redaction, RedactResult } from '../redaction/types';
import { type MessageEndpoint, workerResponseSchema } from './protocol';

export type RedactJobOptions = {
  password?: string;
  label?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

export type RedactionClient = {
  redact(pdf: Uint8Array, redactions: Redaction[], options?: RedactJobOptions): Promise<RedactResult>;
  /** Stops the worker; jobs still running end with a refusal. */
  close(): void;
};

export type WorkerLike = MessageEndpoint & { terminate?: () => void };

export function defaultRedactionWorker(): WorkerLike {
  return new Worker(new URL('./redactWorker.ts', import.meta.url), { type: 'module' });
}

export function createRedactionClient(worker: WorkerLike = defaultRedactionWorker()): RedactionClient {
  let next = 0;
  const pending = new Map<
    string,
    { resolve: (r: RedactResult) => void; onProgress?: (done: number, total: number) => void }
  >();
  const listener = (event: MessageEvent) => {
    const parsed = workerResponseSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    const job = pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') job.onProgress?.(message.done, message.total);
    else {
      pending.delete(message.id);
      job.resolve(message.result);
    }
  };
  worker.addEventListener('message', listener);
  return {
    redact(pdf, redactions, options = {}) {
      const id = `job-${++next}`;
      return new Promise<RedactResult>((resolve) => {
        if (options.signal?.aborted) {
          resolve({ ok: false, reason: 'The redaction was cancelled.' });
          return;
        }
        pending.set(id, { resolve, onProgress: options.onProgress });
        options.signal?.addEventListener('abort', () => worker.postMessage({ type: 'cancel', id }), {
          once: true,
        });
        const copy = pdf.slice();
        worker.postMessage(
          { type: 'redact', id, pdf: copy, redactions, password: options.password, label: options.label },
          [copy.buffer as ArrayBuffer],
        );
      });
    },
    close() {
      worker.removeEventListener('message', listener);
      worker.terminate?.();
      for (const job of pending.values())
        job.resolve({ ok: false, reason: 'The redaction was stopped before it finished.' });
      pending.clear();
    },
  };
}
