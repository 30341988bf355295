// A new device's first sync against the real server (PGlite): the cases in the person's My work
// are fetched and stored before the full pull, so My work can be shown before the rest arrives,
// and the list is not called empty while they are on their way.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/data';
import { caseLogged, eventOn, push, type SignedIn } from '../../sync-server/testing/server';
import { newDevice, serverForSuite } from './dataDevices';

describe('a new device’s first sync', () => {
  const suiteServer = serverForSuite();
  const devices: ReturnType<typeof newDevice>[] = [];
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.client.close();
  });

  /** A case logged by `who`, allocated to `to` when given (else it waits on the information-rights team). */
  async function caseFor(who: SignedIn, to: string | null): Promise<string> {
    const logged = caseLogged(who);
    const events: Record<string, unknown>[] = [logged];
    if (to)
      events.push(
        eventOn(who, logged.stream, 'case.allocated', {
          allocationId: crypto.randomUUID(),
          to,
          teamId: 'waste-policy',
          service: 'Waste policy',
        }),
      );
    const response = await push(suiteServer(), who, events);
    expect(response.status).toBe(200);
    return logged.stream;
  }

  it('stores the cases in My work first, then everything, and says so while they are on their way', async () => {
    const caseworker = await suiteServer().signIn('caseworker');
    const mine = [
      await caseFor(caseworker, 'caseworker'),
      await caseFor(caseworker, null),
      await caseFor(caseworker, 'caseworker'),
    ];
    const others = [await caseFor(caseworker, 'official'), await caseFor(caseworker, 'official')];

    const paths: string[] = [];
    const recording: typeof fetch = (input, init) => {
      paths.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
      return fetch(input, init);
    };
    const device = newDevice(suiteServer().url, 'new tablet', { isOnline: true }, recording);
    devices.push(device);
    const { client } = device;
    const statuses: SyncStatus[] = [];
    const watching = client.syncStatus$().subscribe((status) => statuses.push(status));
    await client.signIn('caseworker', 'demo');
    const cases = client.sync!.pulls.cases;
    const heldOnceMyWorkHere = new Promise<string[]>((resolve) => {
      const sub = cases.hasPriority$.subscribe((has) => {
        if (!has) return;
        queueMicrotask(() => sub.unsubscribe());
        void client
          .database!.cases.find()
          .exec()
          .then((docs) => resolve(docs.map((d) => d.id)));
      });
    });
    await cases.awaitInitialPull();
    watching.unsubscribe();

    const myWork = await new Promise<string[]>((resolve) => {
      const sub = client.myWork$().subscribe((items) => {
        if (items.length === 0) return;
        queueMicrotask(() => sub.unsubscribe());
        resolve(items.map((item) => item.id));
      });
    });
    // The oracle is the device's own My work once everything is stored.
    expect(new Set(myWork)).toEqual(new Set(mine));
    expect(await heldOnceMyWorkHere).toEqual(expect.arrayContaining(mine));
    expect(await client.database!.cases.count().exec()).toBe(mine.length + others.length);

    const firstMyWork = paths.indexOf('/api/replication/cases/my-work');
    const firstFullPull = paths.indexOf('/api/replication/cases/pull');
    expect(firstMyWork).toBeGreaterThanOrEqual(0);
    expect(firstMyWork).toBeLessThan(firstFullPull);
    // While they came, the status said so (My work must not read "Nothing is waiting for you").
    expect(statuses.some((s) => s.isFetchingMyWork)).toBe(true);
    expect(statuses.at(-1)?.isFetchingMyWork).toBe(false);
  });
});
