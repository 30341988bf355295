// Which collection (on the device and in the server's documents) a stream's document lives in.
import type { StreamKind } from './events/catalogue';
import type { StreamId } from './events/envelope';
import type { CollectionName } from './streamDocument';

const orgStreams = {
  'org:directory': 'directory',
  'org:templates': 'templates',
  'org:calendar': 'calendar',
} as const satisfies Record<string, Exclude<StreamKind, 'case'>>;

const collectionOfKind = {
  case: 'cases',
  directory: 'directory',
  templates: 'templates',
  calendar: 'calendar',
} as const satisfies Record<StreamKind, CollectionName>;

/** The kind of stream, or null for a stream name Clearway does not use. */
export function streamKindOf(stream: StreamId | string): StreamKind | null {
  if (stream.startsWith('case:')) return 'case';
  return Object.hasOwn(orgStreams, stream) ? orgStreams[stream as keyof typeof orgStreams] : null;
}

/** `cases`, `directory`, `templates` or `calendar`; null for a stream name Clearway does not use. */
export function collectionOf(stream: StreamId | string): CollectionName | null {
  const kind = streamKindOf(stream);
  return kind === null ? null : collectionOfKind[kind];
}

export const streamOfKind = {
  directory: 'org:directory',
  templates: 'org:templates',
  calendar: 'org:calendar',
} as const;
