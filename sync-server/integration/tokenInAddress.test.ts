// A session token in an address (`?token=`) signs nobody in, the live updates stream included:
// addresses are written to proxies' and servers' logs, where a token would be read by others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { openEventStream } from '../testing/eventStream';
import { type SignedIn, startTestServer, type TestServer } from '../testing/server';

describe.each(databasesUnderTest())('a token in the address on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
  });
  afterAll(() => server?.close());

  it('does not open the live updates stream, which the Authorization header does', async () => {
    const streamUrl = `${server.url}/api/replication/events/stream`;
    const refused = await fetch(`${streamUrl}?token=${caseworker.token}`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toBe('not_signed_in');

    const stream = await openEventStream(streamUrl, { authorization: `Bearer ${caseworker.token}` });
    try {
      expect(await stream.next((d) => d === 'RESYNC')).toBe('RESYNC');
    } finally {
      stream.close();
    }
  });

  it('signs nobody in anywhere else either', async () => {
    for (const address of [
      `/api/me?token=${caseworker.token}`,
      `/api/replication/cases/pull?checkpoint=&token=${caseworker.token}`,
    ]) {
      expect((await fetch(`${server.url}${address}`)).status, address).toBe(401);
    }
  });
});
