// One change the server cannot take does not hold up the outbox: against the real server
// (PGlite), a change of a kind the server does not know sits between two good ones; the good
// ones are accepted in order, the bad one is marked refused on the device with the server's words.
import { afterEach, describe, expect, it } from 'vitest';
import { caseLogged, type SignedIn } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

describe('pushing an outbox that holds a change the server cannot take', () => {
  const suiteServer = serverForSuite();
  const devices: ReturnType<typeof newDevice>[] = [];
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.client.close();
  });

  it('sends the good changes, and refuses the bad one here with the reason', async () => {
    const device = newDevice(suiteServer().url, 'old tablet', { isOnline: false });
    devices.push(device);
    const { client, network } = device;
    network.isOnline = true;
    await client.signIn('caseworker', 'demo');
    network.isOnline = false;
    const session = client.session$.getValue();
    const who = { userId: 'caseworker', deviceId: session.deviceId ?? '', token: '' } satisfies SignedIn;

    // Queued offline: as an app cached before a server update would have queued them.
    const before = caseLogged(who);
    const unknown = { ...caseLogged(who), type: 'case.frobnicated' };
    const after = caseLogged(who);
    const db = client.database!;
    for (const event of [before, unknown, after])
      await db.outbox.insert({
        ...event,
        status: 'pending',
        reason: null,
        seq: null,
        acceptedAt: null,
      } as never);

    network.isOnline = true;
    client.sync!.reSync();
    await eventually('both good cases to be accepted and pulled', async () => {
      const held = await db.cases.findByIds([before.stream, after.stream]).exec();
      return held.size === 2;
    });
    const refused = await eventually('the bad change to be refused here', async () => {
      const doc = await db.outbox.findOne(unknown.id).exec();
      return doc?.status === 'rejected' ? doc : undefined;
    });
    expect(refused.reason).toBe(
      'This change cannot be used: Clearway does not know the event type "case.frobnicated".',
    );
    // Only the refusal is left, waiting to be read (the accepted ones leave as their verdicts come).
    await eventually('the accepted changes to leave the outbox', async () => {
      const left = await db.outbox.find().exec();
      return left.length === 1 && left[0]?.id === unknown.id;
    });
    const server = suiteServer();
    const reader = await server.signIn('manager');
    const pulled = (await (
      await server.call(reader, '/api/replication/cases/pull?checkpoint=&batchSize=1000')
    ).json()) as { documents: { id: string }[] };
    expect(pulled.documents.map((d) => d.id)).not.toContain(unknown.stream);
  });

  it('sends again, whole, a push that something in front of the server refused (no change is marked refused)', async () => {
    let refusals = 2;
    // A proxy or firewall answering 400 with a page of its own, twice, then letting pushes through.
    const proxy: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/api/replication/events/push') && refusals > 0) {
        refusals -= 1;
        return Promise.resolve(new Response('<h1>Bad Request</h1>', { status: 400 }));
      }
      return fetch(input, init);
    };
    const device = newDevice(suiteServer().url, 'behind a proxy', { isOnline: true }, proxy);
    devices.push(device);
    const { client } = device;
    await client.signIn('caseworker', 'demo');
    const session = client.session$.getValue();
    const who = { userId: 'caseworker', deviceId: session.deviceId ?? '', token: '' } satisfies SignedIn;
    const logged = caseLogged(who);
    await client.sendEvent(logged.stream, 'case.logged', logged.payload);
    const db = client.database!;
    await eventually('the case to be accepted and pulled', async () =>
      (await db.cases.findOne(logged.stream).exec()) ? true : undefined,
    );
    expect(refusals).toBe(0);
    expect(await db.outbox.count({ selector: { status: 'rejected' } }).exec()).toBe(0);
  });
});
