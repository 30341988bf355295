// The shapes the device stores: zod schemas (the boundary checks) and the RxDB JSON schemas
// (what IndexedDB indexes). Bump a collection's `version` whenever its JSON schema changes and
// add a migration strategy in ./migrations.ts, or devices that already hold data cannot open it.
import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { eventEnvelopeSchema, eventStatusSchema, streamDocumentSchema } from '../domain';

/** An event in this device's outbox, exactly as the push endpoint receives it. */
export const outboxDocumentSchema = eventEnvelopeSchema.extend({
  status: eventStatusSchema,
  reason: z.string().nullable(),
  seq: z.number().int().nullable(),
  acceptedAt: z.string().nullable(),
  _deleted: z.boolean(),
});
export type OutboxDocument = z.infer<typeof outboxDocumentSchema>;

/**
 * A pulled stream document as the device keeps it. `collection` is dropped (the RxDB collection
 * says it, and RxDB reserves that name on its documents), and two fields are derived on
 * arrival: RxDB cannot index arrays, so the first owner and team are copied out to make
 * "my work" and team lists index lookups rather than scans of 50,000 cases.
 */
export const localStreamDocumentSchema = streamDocumentSchema.omit({ collection: true }).extend({
  primaryOwnerId: z.string(),
  primaryTeamId: z.string(),
  /** The signed-in person is among `ownerIds` (each person has their own database). */
  isMine: z.boolean(),
  /** The workflow status (`in_progress`…) from the state; `status` is its label for people. */
  stage: z.string(),
});
export type LocalStreamDocument = z.infer<typeof localStreamDocumentSchema>;

type OutboxRow = Omit<OutboxDocument, '_deleted'>;
type StreamRow = Omit<LocalStreamDocument, '_deleted'>;

const ID_LENGTH = 100;
const SHORT_TEXT = 100;

export const outboxJsonSchema: RxJsonSchema<OutboxRow> = {
  title: 'outbox',
  description: "This device's events: pending until the server accepts or refuses them.",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    stream: { type: 'string', maxLength: ID_LENGTH },
    type: { type: 'string', maxLength: SHORT_TEXT },
    actor: { type: 'string', maxLength: 80 },
    deviceId: { type: 'string', maxLength: 80 },
    madeAt: { type: 'string', maxLength: 40 },
    payload: { type: 'object' },
    status: { type: 'string', enum: ['pending', 'accepted', 'rejected'], maxLength: 10 },
    reason: { type: ['string', 'null'] },
    seq: { type: ['integer', 'null'] },
    acceptedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'stream', 'type', 'actor', 'deviceId', 'madeAt', 'payload', 'status'],
  indexes: [
    ['status', 'madeAt'],
    ['stream', 'madeAt'],
  ],
};

const streamProperties = {
  id: { type: 'string', maxLength: ID_LENGTH },
  lastSeq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
  updatedAt: { type: 'string', maxLength: 40 },
  state: { type: 'object' },
  timeline: { type: 'array', items: { type: 'object' } },
  reference: { type: 'string', maxLength: SHORT_TEXT },
  caseType: { type: 'string', maxLength: 40 },
  status: { type: 'string', maxLength: 40 },
  dueDate: { type: 'string', maxLength: 40 },
  ownerIds: { type: 'array', items: { type: 'string' } },
  teamIds: { type: 'array', items: { type: 'string' } },
} as const;

const streamRequired = [
  'id',
  'lastSeq',
  'updatedAt',
  'state',
  'timeline',
  'reference',
  'caseType',
  'status',
  'dueDate',
  'ownerIds',
  'teamIds',
] as const;

/** Version 0 of the stream collections, kept so the migration test can write data in it. */
export const streamJsonSchemaV0: RxJsonSchema<
  Omit<StreamRow, 'primaryOwnerId' | 'primaryTeamId' | 'isMine' | 'stage'>
> = {
  title: 'stream documents',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: streamProperties,
  required: [...streamRequired],
  indexes: ['updatedAt', 'reference', ['status', 'dueDate'], ['caseType', 'dueDate']],
};

/**
 * Version 1 added the derived owner, team and "mine" fields; version 2 dropped every index of
 * its own: lists read the case summaries, and each index entry cost a first sync time.
 */
export const streamJsonSchema: RxJsonSchema<StreamRow> = {
  title: 'stream documents',
  description: "The server's current state of each stream this person may see.",
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...streamProperties,
    primaryOwnerId: { type: 'string', maxLength: 80 },
    primaryTeamId: { type: 'string', maxLength: 80 },
    isMine: { type: 'boolean' },
    stage: { type: 'string', maxLength: 40 },
  },
  required: [...streamRequired, 'primaryOwnerId', 'primaryTeamId', 'isMine', 'stage'],
  indexes: [],
};

/** A stream document with nothing in it yet: the base for tombstones and cases logged offline. */
export function blankStreamRow(id: string): StreamRow {
  return {
    id,
    lastSeq: 0,
    updatedAt: '',
    state: {},
    timeline: [],
    reference: '',
    caseType: '',
    status: '',
    dueDate: '',
    ownerIds: [],
    teamIds: [],
    primaryOwnerId: '',
    primaryTeamId: '',
    isMine: false,
    stage: '',
  };
}
