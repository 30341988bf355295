// A real PostgreSQL server through node-postgres: a pool for queries and transactions, and one
// dedicated connection per listener for LISTEN/NOTIFY (several server processes, one database).
// Caveat: connections die (a restart, a failover, pg_terminate_backend). node-postgres reports
// that as an 'error' event, which ends the process unless something listens: the pool, every
// client checked out of it and every listener connection listen here. The pool drops a dead
// idle connection by itself and a query in flight fails (the route answers 500); a listener
// connection is opened again, with backoff, and its owner told (NOTIFYs meanwhile are lost).
import pg from 'pg';
import type { Database, Queryable, Row } from './database';

const INT8_OID = 20;
/** A lost listener connection is tried again after this, doubling up to the maximum. */
export const LISTEN_RETRY_FIRST_MS = 500;
export const LISTEN_RETRY_MAX_MS = 30_000;
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
    // Names the server's connections in pg_stat_activity; a URL's ?application_name= wins.
    fallback_application_name: 'clearway',
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
  // An idle connection died: pg-pool has already dropped it and opens another when needed.
  pool.on('error', (error) => console.error('A database connection was lost:', error.message));
  // Fail at start, not at the first request, when the database cannot be reached.
  await pool.query('select 1');
  const listeners = new Set<Listener>();
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
      // pg-pool listens for errors only on idle clients: one that dies between the statements of
      // this transaction would emit 'error' with no listener. Kept, it is dropped on release.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
      };
      client.on('error', onLost);
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
        client.off('error', onLost);
        client.release(lost);
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const listener = await openListener(connection, channel, onPayload, onReconnect);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      listeners.clear();
      await pool.end();
    },
  };
}

type Listener = { stop(): Promise<void> };

/**
 * One connection that LISTENs on `channel`. Lost, it is opened again (LISTEN_RETRY_FIRST_MS,
 * doubling to LISTEN_RETRY_MAX_MS) and `onReconnect` called once it listens again: whatever was
 * notified in between never arrives. The first connection must succeed (a start-up failure is
 * reported, not retried); `stop` ends it and any retry for good.
 */
async function openListener(
  connection: pg.ClientConfig,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: (() => void) | undefined,
): Promise<Listener> {
  let isStopped = false;
  let current: pg.Client | undefined;
  let retryMs = LISTEN_RETRY_FIRST_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    const client = new pg.Client(connection);
    let isLost = false;
    const lose = (error?: Error) => {
      // 'error' then 'end' for one loss: handled once.
      if (isLost) return;
      isLost = true;
      if (isStopped || current !== client) return;
      current = undefined;
      console.error(
        `The database connection listening on ${channel} was lost:`,
        error?.message ?? 'it ended',
      );
      client.end().catch(() => undefined);
      retryLater();
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen "${channel.replace(/"/g, '')}"`);
      // Lost just as the LISTEN was answered (before this client became `current`).
      if (isLost) throw new Error('The connection was lost as it started to listen.');
    } catch (error) {
      isLost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  };

  // A reconnection under way, so that `stop` can wait for it to end.
  let reconnecting: Promise<void> | undefined;
  const reconnect = async () => {
    let client: pg.Client;
    try {
      client = await connect();
    } catch {
      retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MAX_MS);
      if (!isStopped) retryLater();
      return;
    }
    // Stopped while connecting: this connection is not wanted.
    if (isStopped) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    retryMs = LISTEN_RETRY_FIRST_MS;
    console.log(`The database connection listening on ${channel} is back.`);
    onReconnect?.();
  };
  const retryLater = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      reconnecting = reconnect().finally(() => {
        reconnecting = undefined;
      });
    }, retryMs);
  };

  current = await connect();
  return {
    async stop() {
      isStopped = true;
      clearTimeout(retryTimer);
      await reconnecting;
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
