// A change the server already holds, sent again by the same person from another session (the
// device never heard how it went before its session ended, see pendingCarryOver.ts), leaves the
// device's outbox: the push answers with the server's verdict. Real server in-process (PGlite),
// a real client on fake IndexedDB.
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { caseLogged, push } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

describe('a change the server already holds, sent again', () => {
  const suiteServer = serverForSuite();

  it('leaves the outbox with the verdict the server gave it, accepted or refused', async () => {
    const tablet = newDevice(suiteServer().url, 'returning-tablet');
    try {
      await tablet.client.signIn('caseworker', 'demo');
      const deviceId = tablet.client.session$.getValue().deviceId ?? '';
      tablet.network.isOnline = false;
      const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
      const eventId = await tablet.client.sendEvent(logged.stream, 'case.logged', logged.payload);
      const row = await tablet.client.database?.outbox.findOne(eventId).exec();
      // The server took the very same change before, from another session of the same person.
      const earlier = await suiteServer().signIn('caseworker');
      const sent = { ...row!.toJSON(), deviceId: earlier.deviceId };
      expect((await push(suiteServer(), earlier, [sent])).status).toBe(200);

      tablet.network.isOnline = true;
      tablet.client.sync?.reSync();
      await eventually('the change to leave the outbox', async () =>
        (await firstValueFrom(tablet.client.pendingCount$())) === 0 ? true : undefined,
      );
      expect(await tablet.client.database?.outbox.findOne(eventId).exec()).toBeNull();
    } finally {
      await tablet.client.close();
    }
  });
});
