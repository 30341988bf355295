// Versioned migrations: sync-server/storage/migrations/NNN_name.sql, applied once each, in order,
// each in its own transaction. Several server processes may start at once on one PostgreSQL, so
// the run holds a session advisory lock (PGlite has one connection and needs none).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export type Migration = { version: number; name: string; sql: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match
        ? [{ version: Number(match[1]), name, sql: readFileSync(path.join(dir, name), 'utf8') }]
        : [];
    })
    .sort((a, b) => a.version - b.version);
}

/** Applies the migrations not yet applied; returns the names it applied. */
export async function migrate(db: Database, migrations = listMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Transaction-scoped, so it is released however this ends.
    if (db.kind === 'postgres')
      await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))`);
    await tx.query(
      'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.name);
    }
    return applied;
  });
}

// Prepared statements take one command each; our migration files hold no `;` inside literals
// or function bodies, which keeps this split honest.
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
