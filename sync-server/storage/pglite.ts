// The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) in a data folder, so
// `npm start` needs no database server. One connection: PGlite queues queries and transactions.
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

// int8 (seq, change numbers) as numbers: they stay far below 2^53.
const parsers = { [types.INT8]: (value: string) => Number(value) };

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { parsers });
  const asQueryable = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...asQueryable(db),
    transaction: (work, first) =>
      db.transaction(async (tx) => {
        const results = first ? await tx.exec(first) : [];
        let last = '';
        const result = await work(asQueryable(tx), (results.at(-1)?.rows ?? []) as Row[], (sql) => {
          last = sql;
        });
        if (last) await tx.exec(last);
        return result;
      }),
    async listen(channel, onPayload) {
      const stop = await db.listen(channel, onPayload);
      return async () => stop();
    },
    close: () => db.close(),
  };
}
