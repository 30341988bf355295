// An administrator changes a person's teams or roles while their device is signed in: the device
// learns of it without a new sign-in (My work follows the new teams, the screens the new roles),
// keeps it for the next start, and keeps what it knew while offline. Real server in-process
// (PGlite), real data layer on fake IndexedDB.
import { IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ClearwayClient } from '../../src/data';
import { INFORMATION_RIGHTS_TEAM } from '../../src/domain/principal';
import { caseLogged, push, type SignedIn } from '../../sync-server/testing/server';
import { eventually, newDevice, serverForSuite } from './dataDevices';

const PASSWORD = 'several unrelated words';

async function myWorkIds(client: ClearwayClient): Promise<string[]> {
  return (await firstValueFrom(client.myWork$())).map((item) => item.id);
}

async function isStored(client: ClearwayClient, stream: string): Promise<boolean> {
  return (await client.database?.cases.findOne(stream).exec()) != null;
}

const teamsOf = (client: ClearwayClient) => client.session$.getValue().user?.teamIds ?? [];

describe('a person whose roles or teams change while signed in', () => {
  const suiteServer = serverForSuite();

  async function logCase(who: SignedIn): Promise<string> {
    const logged = caseLogged(who);
    const response = await push(suiteServer(), who, [logged]);
    expect(response.status).toBe(200);
    return logged.stream;
  }

  async function changeAccess(admin: SignedIn, userId: string, change: Record<string, unknown>) {
    const response = await suiteServer().call(admin, `/api/admin/people/${userId}`, {
      method: 'PATCH',
      json: change,
    });
    expect(response.status).toBe(200);
  }

  it('sees the new team’s cases in My work and loses a removed role, without signing in again', async () => {
    const admin = await suiteServer().signIn('admin');
    const added = await suiteServer().call(admin, '/api/admin/accounts', {
      method: 'POST',
      json: {
        username: 'dana',
        displayName: 'Dana Hughes',
        roles: ['manager', 'case_worker'],
        teamIds: ['waste-policy'],
        password: PASSWORD,
      },
    });
    expect(added.status).toBe(201);
    const { userId } = (await added.json()) as { userId: string };
    const sam = await suiteServer().signIn('caseworker');
    // A new case waits on the information rights team; a manager sees it, but it is not hers.
    const waiting = await logCase(sam);

    const namespace = `dana-${crypto.randomUUID().slice(0, 8)}-`;
    const device = newDevice(suiteServer().url, 'dana-laptop', { isOnline: true }, fetch, { namespace });
    let restarted: ReturnType<typeof newDevice> | null = null;
    try {
      await device.client.signIn('dana', PASSWORD);
      await eventually('the case to reach Dana’s device', () => isStored(device.client, waiting));
      expect(await myWorkIds(device.client)).not.toContain(waiting);
      const syncBefore = device.client.sync;

      await changeAccess(admin, userId, { teamIds: ['waste-policy', INFORMATION_RIGHTS_TEAM] });

      await eventually(
        'Dana’s device to show her new team',
        () => teamsOf(device.client).includes(INFORMATION_RIGHTS_TEAM),
        10_000,
      );
      await eventually(
        'the case waiting on her new team to be in her My work',
        async () => (await myWorkIds(device.client)).includes(waiting),
        10_000,
      );
      // The replication was started again with the new teams, not left pulling with the old ones.
      expect(device.client.sync).not.toBe(syncBefore);
      const next = await logCase(sam);
      await eventually(
        'a case pulled after the change to be in her My work',
        async () => (await myWorkIds(device.client)).includes(next),
        10_000,
      );
      // Her own changes still go up through the same outbox.
      const own = caseLogged({
        userId,
        deviceId: device.client.session$.getValue().deviceId ?? '',
        token: '',
      });
      await device.client.sendEvent(own.stream, 'case.logged', own.payload);
      await eventually(
        'her new case to be accepted',
        async () =>
          (await firstValueFrom(device.client.pendingCount$())) === 0 &&
          (await isStored(device.client, own.stream)),
      );

      await changeAccess(admin, userId, { roles: ['manager'] });
      await eventually(
        'Dana’s device to lose the case worker role',
        () => {
          const roles = device.client.session$.getValue().user?.roles;
          return roles?.length === 1 && roles[0] === 'manager';
        },
        10_000,
      );
      expect(teamsOf(device.client)).toContain(INFORMATION_RIGHTS_TEAM);

      // The change is kept with the session: the next start, even offline, opens as she is now.
      await device.client.close();
      const offline = { isOnline: false };
      restarted = newDevice(suiteServer().url, 'dana-laptop', offline, fetch, {
        namespace,
        indexedDb: { indexedDB: device.indexedDB, IDBKeyRange },
      });
      await restarted.client.start();
      expect(restarted.client.session$.getValue().user?.roles).toEqual(['manager']);
      expect(teamsOf(restarted.client)).toContain(INFORMATION_RIGHTS_TEAM);
      expect(await myWorkIds(restarted.client)).toEqual(expect.arrayContaining([waiting, next]));

      // Offline, a change made meanwhile cannot be known: the kept teams stay.
      await changeAccess(admin, userId, { teamIds: ['waste-policy'] });
      await restarted.client.refreshUser();
      expect(teamsOf(restarted.client)).toContain(INFORMATION_RIGHTS_TEAM);
      expect(await myWorkIds(restarted.client)).toContain(waiting);

      // Back online, the device catches up with it.
      offline.isOnline = true;
      restarted.client.sync?.reSync();
      await eventually(
        'the removed team to leave the device',
        () => !teamsOf(restarted?.client ?? device.client).includes(INFORMATION_RIGHTS_TEAM),
        10_000,
      );
      await eventually(
        'the removed team’s case to leave her My work',
        async () => !(await myWorkIds(restarted?.client ?? device.client)).includes(waiting),
        10_000,
      );
    } finally {
      await device.client.close();
      await restarted?.client.close();
    }
  });
});
