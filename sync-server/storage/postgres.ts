// A real PostgreSQL server through node-postgres: a pool for queries and transactions, and one
// dedicated connection per listener for LISTEN/NOTIFY (several server processes, one database).
import pg from 'pg';
import type { Database, Queryable, Row } from './database';

const INT8_OID = 20;
// int8 (seq, change numbers) as numbers: they stay far below 2^53.
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgres(url: string, schema?: string, maxConnections = 10): Promise<Database> {
  const connection = {
    connectionString: url,
    types: typeParsers,
    // A test file gets its own schema, so files run in parallel on one database.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({ ...connection, max: maxConnections });
  // Fail at start, not at the first request, when the database cannot be reached.
  await pool.query('select 1');
  const listeners: pg.Client[] = [];
  const run = async <T extends Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly unknown[] = [],
  ) => (await client.query<T>(sql, [...params])).rows;

  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work, first) {
      const client = await pool.connect();
      const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
      try {
        // Several statements in one simple query: one round trip; each still gets its own
        // snapshot (read committed), so a read after a lock sees what committed before it.
        const begun = (await client.query(first ? `begin; ${first}` : 'begin')) as unknown as
          | pg.QueryResult<Row>
          | pg.QueryResult<Row>[];
        let last = '';
        const result = await work(tx, Array.isArray(begun) ? (begun.at(-1)?.rows ?? []) : [], (sql) => {
          last = sql;
        });
        // Should `last` fail, the commit after it is not run, and the rollback below is.
        await client.query(last ? `${last}; commit` : 'commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = new pg.Client(connection);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`listen "${channel.replace(/"/g, '')}"`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.map((client) => client.end()));
      await pool.end();
    },
  };
}
