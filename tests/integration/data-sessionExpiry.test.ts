// A device whose session the server ended for going unused (401 session_expired) shows the
// person signed out, saying why, and deletes nothing: unlike a revoked device, its unsent
// changes are still there when the same person signs in again, and then go up and are accepted
// (they were made under the old session; the device moves them to the new one first).
// Another person signing in on the device first removes what the last one left.
// An ended session stays ended when the app is opened again, even offline; and a device revoked
// after its session ended removes what it kept before the same person's next sign-in; when the
// server cannot say which, the sign-in stops, keeping everything, until it can.
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ENDED_SESSION_UNCHECKED } from '../../src/data/client';
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
  async function tabletBackFromLeave(name: string, transport: typeof fetch = fetch) {
    const namespace = `${name}-${crypto.randomUUID().slice(0, 8)}-`;
    const tablet = newDevice(suiteServer().url, name, { isOnline: true }, transport, { namespace });
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
    return { tablet, session, eventId, deviceId, namespace };
  }

  /** Whether the person's change reached the server's log, under any session. */
  const isOnServer = async (eventId: string) =>
    (await suiteServer().db.query('select 1 from events where id = $1', [eventId])).length > 0;

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

  it('stays signed out when the app is opened again offline, and sends the change at the next sign-in', async () => {
    const { tablet, session, eventId, namespace } = await tabletBackFromLeave('reopened-tablet');
    await tablet.client.close();
    const offline = { isOnline: false };
    const reopened = newDevice(suiteServer().url, 'reopened-tablet', offline, fetch, {
      namespace,
      indexedDb: { indexedDB: tablet.indexedDB, IDBKeyRange },
    });
    try {
      await reopened.client.start();
      expect(reopened.client.session$.getValue()).toEqual(session);
      expect(reopened.client.session$.getValue().notice).toMatch(/more than 90 days/);
      expect(reopened.client.database).toBeNull();

      offline.isOnline = true;
      await reopened.client.signIn('caseworker', 'demo');
      await eventually('the change made before the session ended to be accepted', async () =>
        (await reopened.client.database?.outbox.findOne(eventId).exec()) === null ? true : undefined,
      );
      expect(await isOnServer(eventId)).toBe(true);
    } finally {
      await reopened.client.close();
    }
  });

  it('removes what it kept when the device was revoked after the session ended', async () => {
    const { tablet, eventId, deviceId } = await tabletBackFromLeave('revoked-tablet');
    try {
      const admin = await suiteServer().signIn('admin');
      const revoked = await suiteServer().call(admin, `/api/devices/${deviceId}/revoke`, { method: 'POST' });
      expect(revoked.status).toBe(204);

      await tablet.client.signIn('caseworker', 'demo');
      expect(await tablet.client.database?.outbox.count().exec()).toBe(0);
      // Given time to go up, had it been kept: it must never reach the server.
      await tablet.client.sync?.awaitInSync();
      expect(await isOnServer(eventId)).toBe(false);
    } finally {
      await tablet.client.close();
    }
  });

  it('stops the sign-in, keeping the change, while the server cannot say whether it was revoked', async () => {
    let isMeFailing = false;
    const flaky: typeof fetch = (input, init) =>
      isMeFailing && String(input).endsWith('/api/me')
        ? Promise.reject(new TypeError('fetch failed'))
        : fetch(input, init);
    const { tablet, eventId } = await tabletBackFromLeave('flaky-tablet', flaky);
    try {
      isMeFailing = true;
      await expect(tablet.client.signIn('caseworker', 'demo')).rejects.toThrow(ENDED_SESSION_UNCHECKED);
      expect(tablet.client.session$.getValue().status).toBe('signed-out');
      expect(tablet.client.database).toBeNull();

      isMeFailing = false;
      await tablet.client.signIn('caseworker', 'demo');
      await eventually('the change kept through the stopped sign-in to be accepted', async () =>
        (await isOnServer(eventId)) ? true : undefined,
      );
    } finally {
      await tablet.client.close();
    }
  });
});
