// The message protocol between the review tool and the redaction Web Worker. One request starts
// a job (the PDF's bytes are transferred, not copied); the worker answers with any number of
// progress messages and exactly one result. A cancel message for a job still running makes it
// finish with a refusal ("The redaction was cancelled."). Both sides validate what they receive.
import { z } from 'zod';
import { redactionSchema } from '../redaction/types';

export const workerRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('redact'),
    id: z.string().min(1),
    pdf: z.instanceof(Uint8Array),
    redactions: z.array(redactionSchema),
    password: z.string().optional(),
    label: z.string().optional(),
  }),
  z.object({ type: z.literal('cancel'), id: z.string().min(1) }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

const pageReportSchema = z.object({
  page: z.number(),
  regions: z.number(),
  glyphsRemoved: z.number(),
  imagesBlanked: z.number(),
  imagesRemoved: z.number(),
  inlineImagesRemoved: z.number(),
  pathsRemoved: z.number(),
  fallback: z.string().optional(),
});

export const redactResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    pdf: z.instanceof(Uint8Array),
    report: z.object({
      pages: z.array(pageReportSchema),
      stripped: z.array(z.string()),
      verification: z.object({
        textItemsChecked: z.number(),
        stringsSearched: z.number(),
        streamsScanned: z.number(),
        passed: z.literal(true),
      }),
    }),
  }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const workerResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: z.string(), done: z.number(), total: z.number() }),
  z.object({ type: z.literal('result'), id: z.string(), result: redactResultSchema }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;

/** The part of a Worker (or MessagePort, or a worker's global scope) both sides use. */
export type MessageEndpoint = {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};
