// The databases the server's integration suite runs on: PGlite always, and PostgreSQL when
// TEST_DATABASE_URL is set. A set but unreachable URL makes the tests fail (never skip). Each
// opened PostgreSQL database is a fresh schema, dropped on close, so test files run in parallel.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../storage/database';
import { migrate } from '../storage/migrate';

export type DatabaseUnderTest = {
  name: 'pglite' | 'postgres';
  /** Opens an empty, migrated database. */
  open(): Promise<Database>;
  /** For a second server process on the same data (PostgreSQL only): its settings. */
  url?: string;
};

export function databasesUnderTest(): DatabaseUnderTest[] {
  const engines: DatabaseUnderTest[] = [
    { name: 'pglite', open: () => openMigrated(openDatabase({ kind: 'pglite', dataDir: undefined })) },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: 'postgres', url, open: () => openFreshSchema(url) });
  return engines;
}

export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

async function openMigrated(opening: Promise<Database>): Promise<Database> {
  const db = await opening;
  await migrate(db);
  return db;
}

async function openFreshSchema(url: string, schema = freshSchemaName()): Promise<Database> {
  const db = await openMigrated(openDatabase({ kind: 'postgres', url, schema }));
  return {
    ...db,
    async close() {
      await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}
