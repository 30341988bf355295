// The stream pull and the rows it writes, on a real RxDB database (fake IndexedDB), fed pages
// by a scripted source: paging to the end, the checkpoint kept only once its page is written,
// a failed write tried again from there, documents replaced and removed as the server says.
// (The whole path against the real server is in tests/integration/data-*.test.ts.)
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('brings back a case withdrawn and then shown again (access given back)', async () => {
    const database = await openFresh();
    await writeServerRows(database.cases, [caseDoc(1)], 'test');
    await writeServerRows(database.cases, [{ ...blankStreamRow(caseDoc(1).id), _deleted: true }], 'test');
    expect(await database.cases.count().exec()).toBe(0);
    await writeServerRows(database.cases, [caseDoc(1, 'FOI-2026-00777')], 'test');
    const back = await database.cases.findOne(caseDoc(1).id).exec();
    expect(back?.reference).toBe('FOI-2026-00777');
  });

  it('refuses a row that breaks the schema, with a message, and keeps what was stored', async () => {
    const database = await openFresh();
    await writeServerRows(database.cases, [caseDoc(1)], 'test');
    const broken = { ...caseDoc(1), lastSeq: -5 };
    await expect(writeServerRows(database.cases, [broken], 'test')).rejects.toThrow(/could not store/);
    expect((await database.cases.findOne(caseDoc(1).id).exec())?.lastSeq).toBe(1);
  });
});

type Options = Parameters<typeof startStreamPull<Doc>>[0];

describe('pulling a stream collection', () => {
  const start = (database: ClearwayDatabase, fetchPage: Options['fetchPage'], more: Partial<Options> = {}) =>
    startStreamPull<Doc>({
      db: database,
      checkpointKey: 'pull-checkpoint:test:cases',
      batchSize: 3,
      retryFirstMs: 10,
      retryMaxMs: 40,
      waitForLeadership: true,
      fetchPage,
      write: (docs) => writeServerRows(database.cases, docs, 'test'),
      onOutcome: () => undefined,
      ...more,
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

  it('goes on after a page the server cut short (large documents) until a short page says no more', async () => {
    const database = await openFresh();
    const docs = Array.from({ length: 5 }, (_, i) => caseDoc(i + 1));
    const calls: unknown[] = [];
    const full = pagesOf(docs, calls);
    // The server's first answer holds one document of the three asked for, and says there is more.
    pull = start(database, async (checkpoint, batchSize) => {
      if (checkpoint !== null) return full(checkpoint, batchSize);
      calls.push(checkpoint);
      return { documents: docs.slice(0, 1), checkpoint: 1, hasMore: true };
    });
    await pull.awaitInitialPull();
    expect(calls).toEqual([null, 1, 4]);
    expect(await database.cases.count().exec()).toBe(5);
  });

  it('after a failed write, tries again from the last page written: nothing is skipped', async () => {
    const database = await openFresh();
    const docs = Array.from({ length: 7 }, (_, i) => caseDoc(i + 1));
    const calls: unknown[] = [];
    const outcomes: (string | null)[] = [];
    let writes = 0;
    pull = start(database, pagesOf(docs, calls), {
      write: async (page) => {
        writes += 1;
        if (writes === 2) throw new Error('The disk is full.');
        await writeServerRows(database.cases, page, 'test');
      },
      onOutcome: (error) => outcomes.push(error === null ? null : String(error)),
    });
    await pull.awaitInitialPull();
    expect((await database.cases.find().exec()).map((d) => d.lastSeq).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    // The second page's write failed, so its checkpoint was never stored: it was fetched again.
    expect(calls.filter((c) => c === 3).length).toBe(2);
    // Page 1 stored; page 2's failure reported (the fetch of page 3 meanwhile did not hide it);
    // then pages 2 and 3 stored on the retry, and the end reached.
    expect(outcomes).toEqual([null, 'Error: The disk is full.', null, null, null]);
  });

  it('waits longer after each failure, up to its bound, and is not in sync meanwhile', async () => {
    const database = await openFresh();
    const waits: number[] = [];
    let failures = 0;
    pull = start(database, async () => {
      waits.push(pull?.retryTime ?? 0);
      failures += 1;
      throw new Error('The server cannot be reached.');
    });
    let isInSync = false;
    void pull.awaitInSync().then(() => {
      isInSync = true;
    });
    await vi.waitFor(() => expect(failures).toBeGreaterThanOrEqual(4), { timeout: 2_000 });
    expect(waits.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(isInSync).toBe(false);
  });

  it('stops only once the page being written is stored, so the database can then be removed', async () => {
    const database = await openFresh();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let isWriting = false;
    pull = start(database, pagesOf([caseDoc(1)]), {
      write: async (docs) => {
        isWriting = true;
        await held;
        await writeServerRows(database.cases, docs, 'test');
      },
    });
    await vi.waitFor(() => expect(isWriting).toBe(true));
    let isStopped = false;
    const stopping = pull.cancel().then(() => {
      isStopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isStopped).toBe(false);
    release();
    await stopping;
    expect(await database.cases.count().exec()).toBe(1);
  });

  it('stops at once in a tab that never led (another tab pulls): sign-out is not held up', async () => {
    const database = await openFresh();
    const calls: unknown[] = [];
    pull = start(database, pagesOf([caseDoc(1)], calls), {
      db: {
        // Another tab leads, and goes on leading.
        waitForLeadership: () => new Promise<boolean>(() => undefined),
        getLocal: (id) => database.getLocal(id),
        getLocal$: (id) => database.getLocal$(id),
        upsertLocal: (id, data) => database.upsertLocal(id, data as never),
      },
    });
    pull.reSync();
    // What is tested is that this returns at all: it waited for leadership before.
    await pull.cancel();
    expect(calls).toEqual([]);
  });

  it('in a tab that never leads, holds the priority pages once the leading tab stores a checkpoint', async () => {
    const database = await openFresh();
    pull = start(database, pagesOf([caseDoc(1)]), {
      db: {
        waitForLeadership: () => new Promise<boolean>(() => undefined),
        getLocal: (id) => database.getLocal(id),
        getLocal$: (id) => database.getLocal$(id),
        upsertLocal: (id, data) => database.upsertLocal(id, data as never),
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pull.hasPriority$.getValue()).toBe(false);
    // The leading tab (here, directly) stores its first checkpoint.
    await database.upsertLocal('pull-checkpoint:test:cases', { checkpoint: 1 });
    await vi.waitFor(() => expect(pull?.hasPriority$.getValue()).toBe(true));
  });

  it('goes round again when told of a change while pulling', async () => {
    const database = await openFresh();
    const docs = [caseDoc(1)];
    const calls: unknown[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let fetching: () => void = () => undefined;
    const isFetching = new Promise<void>((resolve) => {
      fetching = resolve;
    });
    const source = pagesOf(docs, calls);
    pull = start(database, async (checkpoint, size) => {
      const page = await source(checkpoint, size);
      if (calls.length === 1) {
        fetching();
        await held;
      }
      return page;
    });
    await isFetching;
    // The server accepts another case while the first page (holding one case) is on its way.
    docs.push(caseDoc(2));
    pull.reSync();
    release();
    await vi.waitFor(() => expect(calls).toEqual([null, 1]));
    await pull.awaitInSync();
    expect(await database.cases.count().exec()).toBe(2);
  });

  describe('a first sync with priority pages (My work first)', () => {
    /** The person's own cases (every third), paged apart from the full pull. */
    const setUp = (docs: Doc[]) => {
      const order: string[] = [];
      const mine = docs.filter((_, i) => i % 3 === 0);
      const full = pagesOf(docs);
      const priority = pagesOf(mine);
      return {
        order,
        mine,
        fetchPage: async (checkpoint: unknown, size: number) => {
          order.push(`full ${String(checkpoint)}`);
          return full(checkpoint, size);
        },
        fetchPriorityPage: async (checkpoint: unknown, size: number) => {
          order.push(`priority ${String(checkpoint)}`);
          return priority(checkpoint, size);
        },
      };
    };

    it('stores the priority pages first, then pulls everything, and keeps only the full pull’s checkpoint', async () => {
      const database = await openFresh();
      const docs = Array.from({ length: 10 }, (_, i) => caseDoc(i + 1));
      const source = setUp(docs);
      const heldWhenPrioritised: number[] = [];
      pull = start(database, source.fetchPage, { fetchPriorityPage: source.fetchPriorityPage });
      const priority = pull.hasPriority$;
      const prioritised = new Promise<void>((resolve) =>
        priority.subscribe((has) => {
          if (!has) return;
          void database.cases
            .find()
            .exec()
            .then((held) => {
              heldWhenPrioritised.push(...held.map((d) => d.lastSeq));
              resolve();
            });
        }),
      );
      await pull.awaitInitialPull();
      await prioritised;
      // Four of mine: a full page of 3 and a short one; then the whole collection from the start.
      expect(source.order).toEqual([
        'priority null',
        'priority 3',
        'full null',
        'full 3',
        'full 6',
        'full 9',
      ]);
      expect(heldWhenPrioritised).toEqual(expect.arrayContaining(source.mine.map((d) => d.lastSeq)));
      expect(await database.cases.count().exec()).toBe(10);
      await pull.cancel();

      // Not a first sync any more: no priority pages, and it says it holds them at once.
      source.order.length = 0;
      docs.push(caseDoc(11));
      pull = start(database, source.fetchPage, { fetchPriorityPage: source.fetchPriorityPage });
      await pull.awaitInitialPull();
      expect(source.order).toEqual(['full 10']);
      expect(pull.hasPriority$.getValue()).toBe(true);
    });

    it('pulls everything when the server has no priority pages to give (an older server)', async () => {
      const database = await openFresh();
      const source = setUp([caseDoc(1), caseDoc(2)]);
      pull = start(database, source.fetchPage, { fetchPriorityPage: async () => null });
      await pull.awaitInitialPull();
      expect(source.order).toEqual(['full null']);
      expect(pull.hasPriority$.getValue()).toBe(true);
      expect(await database.cases.count().exec()).toBe(2);
    });

    it('after a failed priority fetch, the round fails and the next one asks for them again', async () => {
      const database = await openFresh();
      const source = setUp([caseDoc(1), caseDoc(2), caseDoc(3), caseDoc(4)]);
      const outcomes: (string | null)[] = [];
      let isDown = true;
      pull = start(database, source.fetchPage, {
        fetchPriorityPage: async (checkpoint, size) => {
          if (isDown) {
            isDown = false;
            throw new Error('The server cannot be reached.');
          }
          return source.fetchPriorityPage(checkpoint, size);
        },
        onOutcome: (error) => outcomes.push(error === null ? null : String(error)),
      });
      expect(pull.hasPriority$.getValue()).toBe(false);
      await pull.awaitInitialPull();
      expect(outcomes[0]).toBe('Error: The server cannot be reached.');
      expect(source.order).toEqual(['priority null', 'full null', 'full 3']);
      expect(pull.hasPriority$.getValue()).toBe(true);
      expect(await database.cases.count().exec()).toBe(4);
    });
  });
});
