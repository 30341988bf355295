// Migration 015 gives every stream already in the log its size, so the cap on how large a
// stream may grow (CLEARWAY_MAX_STREAM_MB) holds for old streams from the upgrade on, not
// only for what is added after it. The size it works out must be near what a device really
// pulls for the stream: far below, and an old stream could grow past the cap; far above, and it
// would be refused changes it has room for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';
import type { Database } from './database';
import { listMigrations, migrate } from './migrate';

const STREAM_SIZE = listMigrations().find((m) => m.name.endsWith('_stream_size.sql'));

/** How close the worked-out size must be to the pulled document's length: within 5%. */
const TOLERANCE = 0.05;

describe.each(databasesUnderTest())('migration to stream sizes on $name', (engine) => {
  let db: Database;
  let server: TestServer;
  let caseworker: SignedIn;
  beforeAll(async () => {
    db = await engine.open();
    server = await startTestServer(engine, { db });
    caseworker = await server.signIn('caseworker');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  /** Each document this person pulls of a collection, as the very text the server sends for it. */
  async function pulledTexts(who: SignedIn, collection: string): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    let checkpoint = '';
    for (;;) {
      const response = await server.call(
        who,
        `/api/replication/${collection}/pull?batchSize=1&checkpoint=${encodeURIComponent(checkpoint)}`,
      );
      const text = await response.text();
      const page = JSON.parse(text) as { documents: { id: string }[]; checkpoint: unknown };
      const [doc] = page.documents;
      if (!doc) return texts;
      texts.set(doc.id, text.slice('{"documents":['.length, text.lastIndexOf('],"checkpoint":')));
      checkpoint = JSON.stringify(page.checkpoint);
    }
  }

  it('gives each stream already in the log about the length of the document a device pulls for it', async () => {
    if (!STREAM_SIZE) throw new Error('There is no stream size migration.');
    // Streams as pushes leave them: cases large and small (words that are not plain ASCII
    // among them), a refused event that is on no timeline, and the template library.
    const big = caseLogged(caseworker);
    const small = caseLogged(caseworker);
    const notes = Array.from({ length: 12 }, (_, n) =>
      eventOn(caseworker, big.stream, 'note.added', {
        noteId: `n${n}`,
        text: `Rang the team about “the figures” — réponse ${n}. `.repeat(20 * (n + 1)),
      }),
    );
    const refused = eventOn(caseworker, big.stream, 'note.added', { noteId: 'n0', text: 'Taken already.' });
    const templates = Array.from({ length: 3 }, (_, n) =>
      eventOn(caseworker, 'org:templates', 'template.saved', {
        templateId: `t${n}`,
        name: `Acknowledgement ${n}`,
        caseTypes: ['foi'],
        body: 'Dear {{requester}}, we received your request. '.repeat(50),
      }),
    );
    expect((await push(server, caseworker, [big, small, ...notes, refused, ...templates])).status).toBe(200);

    // Back to the migration before: the column gone, and the log not knowing 015 ran.
    await db.query('alter table streams drop column size_chars');
    await db.query('delete from schema_migrations where version = $1', [STREAM_SIZE.version]);
    expect(await migrate(db)).toEqual([STREAM_SIZE.name]);

    const pulled = new Map([
      ...(await pulledTexts(caseworker, 'cases')),
      ...(await pulledTexts(caseworker, 'templates')),
    ]);
    const sizes = await db.query<{ stream_id: string; size_chars: number | string }>(
      'select stream_id, size_chars from streams where stream_id = any($1)',
      [[big.stream, small.stream, 'org:templates']],
    );
    expect(sizes).toHaveLength(3);
    for (const { stream_id, size_chars } of sizes) {
      const length = pulled.get(stream_id)?.length ?? 0;
      expect(length, stream_id).toBeGreaterThan(0);
      expect(Math.abs(Number(size_chars) - length) / length, stream_id).toBeLessThan(TOLERANCE);
    }
  });
});
