// The suite's promise about PostgreSQL: a TEST_DATABASE_URL that is set but unreachable fails
// the run (opening throws) instead of quietly testing PGlite alone.
import { describe, expect, it } from 'vitest';
import { databasesUnderTest } from './databases';

describe('databases under test', () => {
  it('always includes PGlite', () => {
    expect(databasesUnderTest().map((d) => d.name)).toContain('pglite');
  });

  it('fails, never skips, when TEST_DATABASE_URL points at nothing', async () => {
    const saved = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/nowhere';
    try {
      const engines = databasesUnderTest();
      const postgres = engines.find((d) => d.name === 'postgres');
      expect(postgres).toBeDefined();
      await expect(postgres!.open()).rejects.toThrow();
    } finally {
      if (saved === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = saved;
    }
  });
});
