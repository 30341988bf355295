// The one query interface the server uses, over two engines: embedded PGlite (the default, a
// data folder under CLEARWAY_DATA_DIR) and a real PostgreSQL through node-postgres (DATABASE_URL).
// Both speak the same SQL; what differs (connections, LISTEN/NOTIFY plumbing) stays behind this.
// Caveat: PGlite is one connection, so its transactions run one at a time; PostgreSQL's run
// concurrently and the event store serialises only what must be serialised (see eventStore.ts).

export type Row = Record<string, unknown>;

export type Queryable = {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
};

export type Database = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `first`: statements without parameters (separated by `;`) run at the start, in the same
   * round trip as `begin` where the engine allows; `work` gets the last one's rows. `endWith`:
   * `work` may hand over one last statement without parameters, sent with `commit` likewise.
   */
  transaction<T>(
    work: (tx: Queryable, firstRows: Row[], endWith: (sql: string) => void) => Promise<T>,
    first?: string,
  ): Promise<T>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel` (from any process on the same database).
   * A lost connection is opened again by itself; NOTIFYs sent meanwhile are never delivered, so
   * `onReconnect` is called once it listens again, for the owner to catch up on what it missed.
   * (PGlite runs in the process and never loses it.) Returns the stop, which ends any retry too.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type DatabaseSettings =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string; schema?: string | undefined; maxConnections?: number | undefined };

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.kind === 'pglite') {
    const { openPglite } = await import('./pglite');
    return openPglite(settings.dataDir);
  }
  const { openPostgres } = await import('./postgres');
  return openPostgres(settings.url, settings.schema, settings.maxConnections);
}
