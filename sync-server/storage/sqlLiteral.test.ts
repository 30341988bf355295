// Literals read back exactly on each database, with standard_conforming_strings on and off:
// the values are the ones that break naive quoting (quotes, backslashes before quotes, dollar
// quotes, comment and statement breaks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import type { Database } from './database';
import { sqlLiteral } from './sqlLiteral';

const NASTY = [
  "O'Brien",
  "\\'; drop table events; --",
  'C:\\cases\\',
  "\\\\' or '1'='1",
  '$$ $tag$ end $$',
  '/* */ -- ; commit;',
  'line one\nline two\ttab',
  'plain',
  '',
];

describe.each(databasesUnderTest())('SQL literals on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  for (const setting of ['on', 'off'] as const) {
    it(`read back exactly with standard_conforming_strings ${setting}`, async () => {
      const values = await db.transaction(async (tx) => {
        await tx.query(`set local standard_conforming_strings = ${setting}`);
        const read: string[] = [];
        for (const text of NASTY) {
          const [row] = await tx.query<{ v: string }>(`select ${sqlLiteral(text)} as v`);
          read.push(row!.v);
        }
        return read;
      });
      expect(values).toEqual(NASTY);
    });
  }
});
