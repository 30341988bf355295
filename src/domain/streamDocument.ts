// The documents the server sends down ("documents down"): one per stream a person may see,
// holding the stream's current state and its timeline. The device stores them in RxDB
// collections named by `collection`, and indexes the top-level summary fields for lists.
import { z } from 'zod';

export const collectionNameSchema = z.enum(['cases', 'directory', 'templates', 'calendar']);
export type CollectionName = z.infer<typeof collectionNameSchema>;

export const timelineEntrySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  actor: z.string(),
  actorName: z.string(),
  deviceId: z.string(),
  /** The name its person gave the device ("Jo's iPad"), recorded when the server accepted it. */
  deviceName: z.string().optional(),
  madeAt: z.string(),
  acceptedAt: z.string(),
  seq: z.number().int(),
  /** One plain sentence: "Allocated to Priya Shah (Waste policy)". */
  summary: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const streamDocumentSchema = z.object({
  /** The stream id, e.g. `case:0192…` or `org:directory`. */
  id: z.string(),
  collection: collectionNameSchema,
  /** Highest accepted `seq` folded into `state`. */
  lastSeq: z.number().int().nonnegative(),
  /** Server time of the last change to this document (or to who may see it). */
  updatedAt: z.string(),
  /** The stream's state as the domain reducer leaves it (CaseState for cases). */
  state: z.record(z.string(), z.unknown()),
  timeline: z.array(timelineEntrySchema),
  // Summary fields, copied out of a case's state so the device can index and sort 50,000 cases.
  // Empty strings / arrays for non-case streams.
  reference: z.string(),
  caseType: z.string(),
  status: z.string(),
  /** Statutory due date `YYYY-MM-DD` (or ISO instant for breach reports); '' when none applies. */
  dueDate: z.string(),
  ownerIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  _deleted: z.boolean(),
});
export type StreamDocument = z.infer<typeof streamDocumentSchema>;
