// The browser's data layer against the real server in-process (PGlite): events go up from the
// outbox, documents come down, and a person sees their own changes at once.
import { afterEach, describe, expect, it } from 'vitest';
import { caseLogged, type SignedIn } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

describe('a device syncing with the server', () => {
  const suiteServer = serverForSuite();
  const devices: ReturnType<typeof newDevice>[] = [];
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.client.close();
  });

  function device(name: string) {
    const d = newDevice(suiteServer().url, name);
    devices.push(d);
    return d;
  }

  it('sends a logged case up, shows it at once, and keeps the server version once accepted', async () => {
    const { client } = device('laptop');
    await client.signIn('caseworker', 'demo');
    const session = client.session$.getValue();
    expect(session.status).toBe('signed-in');
    const who = { userId: 'caseworker', deviceId: session.deviceId ?? '', token: '' } satisfies SignedIn;
    const logged = caseLogged(who);

    const id = await client.sendEvent(logged.stream, 'case.logged', logged.payload);
    // Shown at once, from the outbox, before the server has seen it.
    const views: { pending: number; reference: string | undefined }[] = [];
    const sub = client
      .caseView$(logged.stream)
      .subscribe((v) => views.push({ pending: v.pending.length, reference: v.caseDoc?.reference }));
    await eventually('the case to be accepted and pulled', async () => {
      const doc = await client.database?.cases.findOne(logged.stream).exec();
      const left = await client.database?.outbox.count().exec();
      return doc && left === 0 ? doc : undefined;
    });
    sub.unsubscribe();
    expect(views[0]?.pending).toBe(1);
    const doc = (await client.database!.cases.findOne(logged.stream).exec())!;
    expect(doc.timeline.map((t) => t.eventId)).toEqual([id]);
    expect(doc.reference).toMatch(/^FOI-\d{4}-\d{5}$/);
    expect(views.at(-1)).toEqual({ pending: 0, reference: doc.reference });
  });
});
