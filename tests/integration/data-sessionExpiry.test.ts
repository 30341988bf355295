// A device whose session the server ended for going unused (401 session_expired) shows the
// person signed out, saying why, and deletes nothing: unlike a revoked device, its unsent
// changes are still there when the same person signs in again, and then go up and are accepted
// (they were made under the old session; the device moves them to the new one first).
// Another person signing in on the device first removes what the last one left.
import { describe, expect, it } from 'vitest';
import { caseLogged } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

describe('a device whose session has ended on the server', () => {
  const suiteServer = serverForSuite();

  const ageSession = (deviceId: string) =>
    suiteServer().db.query(
      `update device_sessions set last_seen_at = now() - interval '100 days' where device_id = $1`,
      [deviceId],
    );

  /** Signs in, then makes a change offline, then the session ends while the device is away. */
  async function tabletBackFromLeave(name: string) {
    const tablet = newDevice(suiteServer().url, name);
    await tablet.client.signIn('caseworker', 'demo');
    const deviceId = tablet.client.session$.getValue().deviceId ?? '';
    tablet.network.isOnline = false;
    const logged = caseLogged({ userId: 'caseworker', deviceId, token: '' });
    const eventId = await tablet.client.sendEvent(logged.stream, 'case.logged', logged.payload);
    await ageSession(deviceId);
    tablet.network.isOnline = true;
    tablet.client.sync?.reSync();
    const session = await eventually('the device to show the person signed out', () => {
      const s = tablet.client.session$.getValue();
      return s.status === 'signed-out' ? s : undefined;
    });
    return { tablet, session, eventId };
  }

  it('signs the person out in plain words, and sends their unsent change once they sign in again', async () => {
    const { tablet, session, eventId } = await tabletBackFromLeave('drawer-tablet');
    try {
      expect(session.notice).toBe(
        'You have not used Clearway on this device for more than 90 days, so you have been signed out. Sign in again.',
      );
      expect(tablet.client.database).toBeNull();
      expect((await tablet.indexedDB.databases()).length).toBeGreaterThan(0);

      await tablet.client.signIn('caseworker', 'demo');
      const newDeviceId = tablet.client.session$.getValue().deviceId;
      // Accepted rows leave the outbox; the event is then in the server's log, as made on the new session.
      await eventually('the change made before the session ended to be accepted', async () =>
        (await tablet.client.database?.outbox.findOne(eventId).exec()) === null ? true : undefined,
      );
      const [stored] = await suiteServer().db.query<{ status: string; device_id: string }>(
        'select status, device_id from events where id = $1',
        [eventId],
      );
      expect(stored).toEqual({ status: 'accepted', device_id: newDeviceId });
    } finally {
      await tablet.client.close();
    }
  });

  it('keeps none of it for someone else who signs in on the device', async () => {
    const { tablet } = await tabletBackFromLeave('shared-tablet');
    try {
      const before = (await tablet.indexedDB.databases()).map((d) => d.name ?? '');
      const caseworkers = before.filter((n) => n.includes('caseworker'));
      expect(caseworkers.length).toBeGreaterThan(0);
      await tablet.client.signIn('manager', 'demo');
      const after = (await tablet.indexedDB.databases()).map((d) => d.name ?? '');
      expect(after.filter((n) => n.includes('caseworker'))).toEqual([]);
      expect(await tablet.client.database?.outbox.count().exec()).toBe(0);
    } finally {
      await tablet.client.close();
    }
  });
});
