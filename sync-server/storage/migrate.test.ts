// Migrations are applied once each, in order, and a second run changes nothing.
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { listMigrations, migrate } from './migrate';

describe('migrations', () => {
  it('are numbered without gaps or repeats', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('apply once: a second run applies nothing and keeps the data', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      const first = await migrate(db);
      expect(first).toEqual(listMigrations().map((m) => m.name));
      await db.query(
        `insert into users (user_id, username, display_name, roles, team_ids) values ('u', 'u', 'U', '{manager}', '{}')`,
      );
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('select user_id from users')).toEqual([{ user_id: 'u' }]);
    } finally {
      await db.close();
    }
  });
});
