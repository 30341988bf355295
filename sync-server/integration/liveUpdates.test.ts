// Live updates: the event stream says RESYNC on connect and tells a person when something they
// may see changed — also when the change was pushed to ANOTHER server process on the same
// PostgreSQL (LISTEN/NOTIFY), tested with two real processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { openEventStream } from '../testing/eventStream';
import { sharedDatabasesUnderTest, signInAt, useServerProcesses } from '../testing/processes';
import {
  callerAt,
  caseLogged,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

describe.each(databasesUnderTest())('live updates in one process on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  let manager: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
    manager = await server.signIn('manager');
  });
  afterAll(() => server?.close());

  it('says RESYNC on connect, then tells the manager a case changed', async () => {
    const stream = await openEventStream(`${server.url}/api/replication/events/stream`, {
      authorization: `Bearer ${manager.token}`,
    });
    try {
      expect(await stream.next((d) => d === 'RESYNC')).toBe('RESYNC');
      await push(server, caseworker, [caseLogged(caseworker)]);
      const message = await stream.next(
        (d) => typeof d === 'object' && d !== null && (d as { collection: string }).collection === 'cases',
      );
      expect(message).toMatchObject({ collection: 'cases', checkpoint: { seq: expect.any(Number) } });
    } finally {
      stream.close();
    }
  });

  it('does not tell an official about a case they may not see', async () => {
    const official = await server.signIn('official');
    const stream = await openEventStream(`${server.url}/api/replication/events/stream`, {
      authorization: `Bearer ${official.token}`,
    });
    const watcher = await openEventStream(`${server.url}/api/replication/events/stream`, {
      authorization: `Bearer ${manager.token}`,
    });
    try {
      await stream.next((d) => d === 'RESYNC');
      await watcher.next((d) => d === 'RESYNC');
      await push(server, caseworker, [caseLogged(caseworker)]);
      // Once the manager has heard of it, the official would have too.
      await watcher.next((d) => (d as { collection?: string }).collection === 'cases');
      let officialHeard = false;
      void stream
        .next((d) => (d as { collection?: string }).collection === 'cases')
        .then(() => {
          officialHeard = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(officialHeard).toBe(false);
    } finally {
      stream.close();
      watcher.close();
    }
  });

  it('ends a revoked device’s stream at once, saying why, and leaves the person’s other devices be', async () => {
    const tablet = await server.signIn('caseworker');
    const streamUrl = `${server.url}/api/replication/events/stream`;
    const revokedStream = await openEventStream(streamUrl, { authorization: `Bearer ${tablet.token}` });
    const otherStream = await openEventStream(streamUrl, { authorization: `Bearer ${caseworker.token}` });
    try {
      await revokedStream.next((d) => d === 'RESYNC');
      await otherStream.next((d) => d === 'RESYNC');
      const revoking = await server.call(caseworker, `/api/devices/${tablet.deviceId}/revoke`, {
        method: 'POST',
      });
      expect(revoking.status).toBe(204);
      const carried = await revokedStream.ended;
      expect(carried.at(-1)).toEqual({
        error: 'device_revoked',
        message: expect.stringContaining('signed out'),
      });
      // Coming back, it is told in the way that makes it wipe.
      const again = await fetch(streamUrl, { headers: { authorization: `Bearer ${tablet.token}` } });
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ error: 'device_revoked' });
      // The person's other device still hears of changes.
      await push(server, caseworker, [caseLogged(caseworker)]);
      expect(
        await otherStream.next((d) => (d as { collection?: string }).collection === 'cases'),
      ).toBeTruthy();
    } finally {
      revokedStream.close();
      otherStream.close();
    }
  });

  it('refuses the stream without a session', async () => {
    const response = await fetch(`${server.url}/api/replication/events/stream`);
    expect(response.status).toBe(401);
  });
});

describe.each(sharedDatabasesUnderTest())('live updates across two server processes on $name', (engine) => {
  const urls = useServerProcesses(engine);

  it('tells a client connected to process B about an event pushed to process A', async () => {
    const [a = '', b = ''] = urls();
    const manager = await signInAt(b, 'manager');
    const stream = await openEventStream(`${b}/api/replication/events/stream`, {
      authorization: `Bearer ${manager.token}`,
    });
    try {
      await stream.next((d) => d === 'RESYNC');
      const caseworker = await signInAt(a, 'caseworker');
      const logged = caseLogged(caseworker);
      const pushed = await push(callerAt(a), caseworker, [logged]);
      expect(pushed.status).toBe(200);
      const heard = await stream.next((d) => (d as { collection?: string }).collection === 'cases');
      expect(heard).toMatchObject({ collection: 'cases' });
      // And B serves the document A accepted.
      const page = await fetch(`${b}/api/replication/cases/pull?checkpoint=&batchSize=100`, {
        headers: { authorization: `Bearer ${manager.token}` },
      });
      const { documents } = await page.json();
      expect(documents.some((d: { id: string }) => d.id === logged.stream)).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('ends a device’s stream on process B when it is revoked on process A', async () => {
    const [a = '', b = ''] = urls();
    const tablet = await signInAt(b, 'official');
    const stream = await openEventStream(`${b}/api/replication/events/stream`, {
      authorization: `Bearer ${tablet.token}`,
    });
    try {
      await stream.next((d) => d === 'RESYNC');
      const revoking = await fetch(`${a}/api/devices/${tablet.deviceId}/revoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tablet.token}` },
      });
      expect(revoking.status).toBe(204);
      expect((await stream.ended).at(-1)).toMatchObject({ error: 'device_revoked' });
    } finally {
      stream.close();
    }
  });
});
