// A device whose access is withdrawn wipes what it holds at its next contact with the server:
// the person's database, the stored session and the cached documents.
import { describe, expect, it } from 'vitest';
import { REVOKED_NOTICE } from '../../src/data';
import { caseLogged } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

describe('a revoked device', () => {
  const suiteServer = serverForSuite();

  it('removes all local data and shows the person signed out, saying why', async () => {
    const device = newDevice(suiteServer().url, 'lost-tablet');
    try {
      await device.client.signIn('caseworker', 'demo');
      const deviceId = device.client.session$.getValue().deviceId ?? '';
      const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
      await device.client.sendEvent(logged.stream, 'case.logged', logged.payload);
      await device.client.blobs?.put(new Blob(['a letter kept offline']), 'letter.txt');
      await eventually('the case to arrive', async () =>
        (await device.client.database?.cases.findOne(logged.stream).exec()) ? true : undefined,
      );
      const before = (await device.indexedDB.databases()).map((d) => d.name);
      expect(before.length).toBeGreaterThanOrEqual(2);

      // From another device, the person reports the tablet lost.
      const phone = await suiteServer().signIn('caseworker');
      const revoke = await suiteServer().call(phone, `/api/devices/${deviceId}/revoke`, { method: 'POST' });
      expect(revoke.status).toBe(204);

      // Its next contact: any pull or push.
      device.client.sync?.reSync();
      const session = await eventually('the device to sign itself out', () => {
        const s = device.client.session$.getValue();
        return s.status === 'signed-out' ? s : undefined;
      });
      expect(session.notice).toBe(REVOKED_NOTICE);
      await eventually('every local database to be deleted', async () =>
        (await device.indexedDB.databases()).length === 0 ? true : undefined,
      );
      expect(device.client.database).toBeNull();
    } finally {
      await device.client.close();
    }
  });
});
