// Opens the device's RxDB database on Dexie (IndexedDB): the outbox of this device's events and
// one collection per kind of pulled stream document. Created once, outside React, and shared by
// every tab of the app: RxDB's leader election lets one tab run replication for all of them.
// Caveat: RxDB 17.6 depends on dexie 4.4.2; a second copy of Dexie in the bundle throws.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, removeRxDatabase } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName } from '../domain';
import { type CaseSummaryCollection, caseSummaryJsonSchema, rebuildCaseSummaries } from './caseSummaries';
import { streamMigrationStrategies } from './migrations';
import { type LocalStreamDocument, type OutboxDocument, outboxJsonSchema, streamJsonSchema } from './schemas';

export type OutboxCollection = RxCollection<Omit<OutboxDocument, '_deleted'>>;
export type StreamCollection = RxCollection<Omit<LocalStreamDocument, '_deleted'>>;
export type ClearwayCollections = {
  outbox: OutboxCollection;
  caseSummaries: CaseSummaryCollection;
} & Record<CollectionName, StreamCollection>;
export type ClearwayDatabase = RxDatabase<ClearwayCollections>;

export const STREAM_COLLECTIONS: readonly CollectionName[] = ['cases', 'directory', 'templates', 'calendar'];

/** Documents carried to a new schema version per write (50,000 cases: 100 writes, not 5,000). */
const MIGRATION_BATCH = 500;

/** Where IndexedDB comes from: the browser's own, or fake-indexeddb in Node tests and benches. */
export type IndexedDbEnvironment = { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };

export type OpenDatabaseOptions = {
  /** One database per signed-in person on a device, so two accounts never mix data. */
  name: string;
  /** The person whose database it is (derived "mine" fields depend on it). */
  userId: string;
  teamIds?: readonly string[];
  indexedDb?: IndexedDbEnvironment;
  /** Check every write against the JSON schema (on by default; the bench turns it off). */
  isValidated?: boolean;
  /** Several tabs share the database (true in the browser; false in single-process Node tests). */
  isMultiInstance?: boolean;
};

let arePluginsAdded = false;
function addPlugins(): void {
  if (arePluginsAdded) return;
  addRxPlugin(RxDBLeaderElectionPlugin);
  addRxPlugin(RxDBLocalDocumentsPlugin);
  addRxPlugin(RxDBMigrationSchemaPlugin);
  arePluginsAdded = true;
}

// Ajv (and its meta-schemas, built when the module loads) is fetched only when writes are checked:
// production builds do not check them, and a cold start should not pay for it.
async function storageFor(options: OpenDatabaseOptions) {
  const dexie = getRxStorageDexie(options.indexedDb ?? {});
  if (options.isValidated === false) return dexie;
  const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
  return wrappedValidateAjvStorage({ storage: dexie });
}

/** IndexedDB database names are per origin; this keeps ours recognisable and per person. */
export function databaseNameFor(userId: string): string {
  return `clearway-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<ClearwayDatabase> {
  addPlugins();
  const db = await createRxDatabase<ClearwayCollections>({
    name: options.name,
    storage: await storageFor(options),
    multiInstance: options.isMultiInstance ?? typeof window !== 'undefined',
    eventReduce: true,
    closeDuplicates: true,
    // A list's total is a count; one whose filter no index answers alone walks the summaries.
    allowSlowCount: true,
    // Where the stream pulls keep their checkpoints (./streamPull.ts).
    localDocuments: true,
  });
  const streamCollection = {
    schema: streamJsonSchema,
    migrationStrategies: streamMigrationStrategies(options.userId, options.teamIds),
    // Migrated below, in batches far larger than RxDB's ten documents a write.
    autoMigrate: false,
  };
  await db.addCollections({
    outbox: { schema: outboxJsonSchema },
    cases: streamCollection,
    directory: streamCollection,
    templates: streamCollection,
    calendar: streamCollection,
    caseSummaries: { schema: caseSummaryJsonSchema },
  });
  // A device upgraded from an older version carries its documents forward before they are read.
  for (const name of STREAM_COLLECTIONS) {
    const collection = db.collections[name];
    if (await collection.migrationNeeded()) await collection.migratePromise(MIGRATION_BATCH);
  }
  await rebuildCaseSummaries(db.cases, db.caseSummaries);
  return db;
}

/** Deletes every collection and the database itself (sign-out, or a revoked device). */
export async function removeDatabase(db: ClearwayDatabase, options: OpenDatabaseOptions): Promise<void> {
  await db.remove();
  // Also clears what a crashed tab left half-open.
  await removeRxDatabase(options.name, await storageFor(options));
  // RxDB's Dexie storage only empties its tables; a wiped device must not even keep their
  // names (they carry the person's user id), so the IndexedDB databases are deleted too.
  const factory = options.indexedDb?.indexedDB ?? globalThis.indexedDB;
  const prefix = `rxdb-dexie-${options.name}--`;
  const names = (await factory.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  await Promise.all(names.map((name) => deleteIndexedDb(factory, name)));
}

function deleteIndexedDb(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab still has it open; it is deleted as soon as that tab lets go.
    request.onblocked = () => resolve();
  });
}
