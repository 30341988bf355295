// The stream pull and the rows it writes, on a real RxDB database (fake IndexedDB), fed pages
// by a scripted source: paging to the end, the checkpoint kept only once its page is written,
// a failed write tried again from there, documents replaced and removed as the server says.
// (The whole path against the real server is in tests/integration/data-*.test.ts.)
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClearwayDatabase, openDatabase } from './database';
import { blankStreamRow, type LocalStreamDocument } from './schemas';
import { writeServerRows } from './serverRows';
import { type PulledPage, type StreamPull, startStreamPull } from './streamPull';

type Doc = LocalStreamDocument & { _deleted: boolean };

const indexedDb = { indexedDB, IDBKeyRange };

function caseDoc(n: number, reference = `FOI-2026-${String(n).padStart(5, '0')}`): Doc {
  return {
    ...blankStreamRow(`case:00000000-0000-7000-8000-${String(n).padStart(12, '0')}`),
    lastSeq: n,
    updatedAt: '2026-03-02T10:00:00.000Z',
    state: { kind: 'case', subject: `Request ${n}` },
    timeline: [],
    reference,
    caseType: 'foi',
    _deleted: false,
  };
}

/** A server of `docs` in change order: checkpoints are the position reached. */
function pagesOf(docs: Doc[], calls: unknown[] = []) {
  return async (checkpoint: unknown, batchSize: number): Promise<PulledPage<Doc>> => {
    calls.push(checkpoint);
    const from = typeof checkpoint === 'number' ? checkpoint : 0;
    const documents = docs.slice(from, from + batchSize);
    return { documents, checkpoint: from + documents.length };
  };
}

let db: ClearwayDatabase | null = null;
let pull: StreamPull | null = null;

async function openFresh(): Promise<ClearwayDatabase> {
  db = await openDatabase({
    name: `pull-${crypto.randomUUID()}`,
    userId: 'u',
    indexedDb,
    isMultiInstance: false,
  });
  return db;
}

afterEach(async () => {
  await pull?.cancel();
  pull = null;
  await db?.remove();
  db = null;
});

describe('writing rows the server decided', () => {
  it('adds new rows, replaces held ones, removes withdrawn ones and ignores tombstones of unknown ones', async () => {
    const database = await openFresh();
    await writeServerRows(database.cases, [caseDoc(1), caseDoc(2)], 'test');
    await writeServerRows(
      database.cases,
      [
        caseDoc(1, 'FOI-2026-99999'),
        { ...blankStreamRow(caseDoc(2).id), _deleted: true },
        { ...blankStreamRow(caseDoc(3).id), _deleted: true },
      ],
      'test',
    );
    const held = await database.cases.find().exec();
    expect(held.map((d) => [d.id, d.reference])).toEqual([[caseDoc(1).id, 'FOI-2026-99999']]);
    // A withdrawn case is gone, and the tombstone of one never held left nothing behind.
    const stored = await database.cases.storageInstance.findDocumentsById(
      [caseDoc(2).id, caseDoc(3).id],
      true,
    );
    expect(stored.map((d) => [d.id, d._deleted])).toEqual([[caseDoc(2).id, true]]);
  });

  it('refuses a row that breaks the schema, with a message, and keeps what was stored', async () => {
    const database = await openFresh();
    await writeServerRows(database.cases, [caseDoc(1)], 'test');
    const broken = { ...caseDoc(1), lastSeq: -5 };
    await expect(writeServerRows(database.cases, [broken], 'test')).rejects.toThrow(/could not store/);
    expect((await database.cases.findOne(caseDoc(1).id).exec())?.lastSeq).toBe(1);
  });
});

describe('pulling a stream collection', () => {
  const start = (
    database: ClearwayDatabase,
    fetchPage: (checkpoint: unknown, batchSize: number) => Promise<PulledPage<Doc>>,
    write = (docs: Doc[]) => writeServerRows(database.cases, docs, 'test'),
  ) =>
    startStreamPull<Doc>({
      db: database,
      checkpointKey: 'pull-checkpoint:test:cases',
      batchSize: 3,
      retryFirstMs: 10,
      waitForLeadership: true,
      fetchPage,
      write,
    });

  it('pages to the end, keeps its checkpoint, and later pulls only what is new', async () => {
    const database = await openFresh();
    const docs = Array.from({ length: 8 }, (_, i) => caseDoc(i + 1));
    const calls: unknown[] = [];
    pull = start(database, pagesOf(docs, calls));
    await pull.awaitInitialPull();
    expect(await database.cases.count().exec()).toBe(8);
    // Three full pages, then a short one ends the pull: it does not ask again.
    expect(calls).toEqual([null, 3, 6]);
    await pull.cancel();

    // Started again (a reload), it resumes from the stored checkpoint.
    docs.push(caseDoc(9), caseDoc(10));
    calls.length = 0;
    pull = start(database, pagesOf(docs, calls));
    await pull.awaitInitialPull();
    expect(calls).toEqual([8]);
    expect(await database.cases.count().exec()).toBe(10);
  });

  it('after a failed write, tries again from the last page written: nothing is skipped', async () => {
    const database = await openFresh();
    const docs = Array.from({ length: 7 }, (_, i) => caseDoc(i + 1));
    const calls: unknown[] = [];
    let writes = 0;
    pull = start(database, pagesOf(docs, calls), async (page) => {
      writes += 1;
      if (writes === 2) throw new Error('The disk is full.');
      await writeServerRows(database.cases, page, 'test');
    });
    await pull.awaitInitialPull();
    expect((await database.cases.find().exec()).map((d) => d.lastSeq).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    // The second page's write failed, so its checkpoint was never stored: it was fetched again.
    expect(calls.filter((c) => c === 3).length).toBe(2);
  });

  it('stops at once in a tab that never led (another tab pulls): sign-out is not held up', async () => {
    const database = await openFresh();
    const calls: unknown[] = [];
    pull = startStreamPull<Doc>({
      db: {
        // Another tab leads, and goes on leading.
        waitForLeadership: () => new Promise<boolean>(() => undefined),
        getLocal: (id) => database.getLocal(id),
        upsertLocal: (id, data) => database.upsertLocal(id, data as never),
      },
      checkpointKey: 'pull-checkpoint:test:cases',
      batchSize: 3,
      retryFirstMs: 10,
      waitForLeadership: true,
      fetchPage: pagesOf([caseDoc(1)], calls),
      write: (docs) => writeServerRows(database.cases, docs, 'test'),
    });
    pull.reSync();
    await pull.cancel();
    expect(calls).toEqual([]);
  });

  it('goes round again when told of a change while pulling', async () => {
    const database = await openFresh();
    const docs = [caseDoc(1)];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const source = pagesOf(docs);
    let isFirst = true;
    pull = start(database, async (checkpoint, size) => {
      const page = await source(checkpoint, size);
      if (isFirst) {
        isFirst = false;
        await held;
      }
      return page;
    });
    // The server accepts another case while the first pull is still on its way.
    docs.push(caseDoc(2));
    pull.reSync();
    release();
    await pull.awaitInSync();
    expect(await database.cases.count().exec()).toBe(2);
  });
});
