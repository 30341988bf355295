import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { streamJsonSchemaV0 } from './schemas';

const indexedDb = { indexedDB, IDBKeyRange };

function caseDocV0(n: number) {
  return {
    id: `case:00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    lastSeq: n,
    updatedAt: `2026-03-0${(n % 9) + 1}T10:00:00.000Z`,
    state: { status: 'in_progress', title: `Request ${n}`, notes: ['kept as written'] },
    timeline: [{ eventId: `e${n}`, summary: 'Logged' }],
    reference: `FOI/2026/${n}`,
    caseType: 'foi',
    status: 'open',
    dueDate: '2026-04-01',
    ownerIds: n % 2 === 0 ? [`user-${n}`, 'second'] : [],
    teamIds: ['information-rights'],
  };
}

describe('upgrading the app on a device that already holds cases', () => {
  it('keeps every case and its contents, and fills the new owner and team fields', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDb), multiInstance: false });
    await old.addCollections({ cases: { schema: streamJsonSchemaV0 } });
    const written = Array.from({ length: 25 }, (_, i) => caseDocV0(i + 1));
    await old.collections.cases!.bulkInsert(written);
    await old.close();

    const db = await openDatabase({ name, userId: 'user-4', indexedDb, isMultiInstance: false });
    const docs = (await db.cases.find().exec()).map((d) => d.toMutableJSON());
    expect(docs).toHaveLength(written.length);
    for (const before of written) {
      const after = docs.find((d) => d.id === before.id);
      expect(after).toMatchObject(before);
      expect(after?.primaryOwnerId).toBe(before.ownerIds[0] ?? '');
      expect(after?.primaryTeamId).toBe('information-rights');
      expect(after?.isMine).toBe(before.ownerIds.includes('user-4'));
      expect(after?.stage).toBe('in_progress');
    }
    // The derived fields answer queries (lists read the summaries, built from them at open).
    const owned = await db.cases.find({ selector: { primaryOwnerId: 'user-4' } }).exec();
    expect(owned.map((d) => d.id)).toEqual([written[3]!.id]);
    const mine = await db.cases.find({ selector: { isMine: true } }).exec();
    expect(mine.map((d) => d.id)).toEqual([written[3]!.id]);
    expect(await db.caseSummaries.count().exec()).toBe(written.length);
    await db.remove();
  });

  it('refuses to store an event that does not match the outbox schema', async () => {
    const db = await openDatabase({
      name: `valid-${crypto.randomUUID()}`,
      userId: 'u',
      indexedDb,
      isMultiInstance: false,
    });
    await expect(db.outbox.insert({ id: 'x', stream: 'case:1' } as never)).rejects.toThrow();
    expect(await db.outbox.count().exec()).toBe(0);
    await db.remove();
  });
});
