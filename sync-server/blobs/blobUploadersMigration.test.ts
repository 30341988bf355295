// Migration 014 moves who may open a file from `blobs.uploaded_by` to `blob_uploaders`. A file
// uploaded before the upgrade must still open for the person who uploaded it, and for nobody
// else who only names its hash.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { listMigrations, migrate } from '../storage/migrate';
import { mayRead } from './blobAccess';

const BLOB_UPLOADERS = 14;
const SHA = 'a'.repeat(64);

describe('migration 014 (blob uploaders)', () => {
  it('keeps each file opening for the one who uploaded it before the upgrade', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      const before = listMigrations().filter((m) => m.version < BLOB_UPLOADERS);
      await migrate(db, before);
      await db.query(
        `insert into users (user_id, username, display_name, roles, team_ids)
         values ('sam', 'sam', 'Sam', '{case_worker}', '{}'), ('priya', 'priya', 'Priya', '{policy_official}', '{}')`,
      );
      await db.query(
        `insert into blobs (sha256, size, filename, content_type, uploaded_by)
         values ($1, 10, 'letter.pdf', 'application/pdf', 'sam')`,
        [SHA],
      );
      expect(await migrate(db)).toContain('014_blob_uploaders.sql');
      expect(await mayRead(db, 'sam', SHA)).toEqual({
        size: 10,
        filename: 'letter.pdf',
        content_type: 'application/pdf',
      });
      expect(await mayRead(db, 'priya', SHA)).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
