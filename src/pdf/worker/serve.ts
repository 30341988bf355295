// The worker side of the protocol, separate from the worker entry so it can be run over any
// message endpoint (a MessagePort in tests, the worker's global scope in the browser).
import { redact } from '../redaction';
import { type MessageEndpoint, type WorkerResponse, workerRequestSchema } from './protocol';

export function serveRedactions(endpoint: MessageEndpoint): () => void {
  const running = new Map<string, AbortController>();
  const send = (message: WorkerResponse, transfer: Transferable[] = []) =>
    endpoint.postMessage(message, transfer);
  const listener = (event: MessageEvent) => {
    const parsed = workerRequestSchema.safeParse(event.data);
    if (!parsed.success) {
      const id = (event.data as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id) {
        send({
          type: 'result',
          id,
          result: { ok: false, reason: 'The redaction request was not understood.' },
        });
      }
      return;
    }
    const request = parsed.data;
    if (request.type === 'cancel') {
      running.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(request.id, controller);
    void redact(request.pdf, request.redactions, {
      password: request.password,
      label: request.label,
      signal: controller.signal,
      onProgress: (done, total) => send({ type: 'progress', id: request.id, done, total }),
    }).then((result) => {
      running.delete(request.id);
      send(
        {
          type: 'result',
          id: request.id,
          result: result as Extract<WorkerResponse, { type: 'result' }>['result'],
        },
        result.ok ? [result.pdf.buffer as ArrayBuffer] : [],
      );
    });
  };
  endpoint.addEventListener('message', listener);
  return () => {
    endpoint.removeEventListener('message', listener);
    for (const c of running.values()) c.abort();
  };
}
