// Payloads of the PDF review tool's marks (issue 6): comments, highlights, ink and proposed
// redactions on a document of the case. Kept general so the tool can grow without new types.
import { z } from 'zod';
import { sha256Schema } from '../ids';

const localId = z.string().min(1).max(80);

/** A rectangle in page points, origin top-left of the page as displayed (pdf.js viewport at scale 1). */
export const rectSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
});
export type Rect = z.infer<typeof rectSchema>;

const pointSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  pressure: z.number().optional(),
});
export type InkPoint = z.infer<typeof pointSchema>;

export const annotationKindSchema = z.enum(['comment', 'highlight', 'ink', 'strike', 'note']);

export const annotationAddedSchema = z.object({
  annotationId: localId,
  documentSha: sha256Schema,
  page: z.number().int().positive(),
  kind: annotationKindSchema,
  rects: z.array(rectSchema).max(500).default([]),
  /** Ink strokes, each a list of points. */
  strokes: z.array(z.array(pointSchema).max(10_000)).max(500).optional(),
  text: z.string().max(20_000).optional(),
  colour: z.string().max(20).optional(),
  /** A reply to another annotation. */
  inReplyTo: localId.optional(),
});
/** A change to any mark (comment, highlight, ink or redaction): each change is its own event, so
 * two people editing offline both stay in the history and the later one shows. */
export const annotationEditedSchema = z.object({
  annotationId: localId,
  rects: z.array(rectSchema).max(500).optional(),
  strokes: z.array(z.array(pointSchema).max(10_000)).max(500).optional(),
  text: z.string().max(20_000).optional(),
  exemption: z.string().trim().min(1).max(40).optional(),
  note: z.string().max(2000).optional(),
});
export const annotationRefSchema = z.object({ annotationId: localId });

export const redactionProposedSchema = z.object({
  redactionId: localId,
  documentSha: sha256Schema,
  page: z.number().int().positive(),
  rects: z.array(rectSchema).min(1).max(500),
  /** The text under the mark, when known: for the schedule, never sent out. */
  text: z.string().max(20_000).optional(),
  kind: z.enum(['area', 'text', 'search', 'pattern', 'person', 'page']).default('area'),
  exemption: z.string().trim().min(1, 'must name the exemption, e.g. s40(2)').max(40),
  /** Why, in the proposer's words: shown to the clearance officer and in the schedule. */
  note: z.string().max(2000).optional(),
});
export const redactionAgreedSchema = z.object({ redactionId: localId });
export const redactionRejectedSchema = z.object({
  redactionId: localId,
  reason: z.string().trim().min(1, 'must say why').max(2000),
});
