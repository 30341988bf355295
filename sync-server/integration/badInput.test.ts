// Untrusted input gets a clear error and changes nothing: malformed JSON, invalid and unknown
// events, oversized bodies, bad checkpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  outboxRow,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

describe.each(databasesUnderTest())('bad input on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  const countEvents = async () =>
    (await server.db.query<{ n: number }>('select count(*)::int as n from events'))[0]!.n;
  beforeAll(async () => {
    server = await startTestServer(engine, { env: { CLEARWAY_BODY_LIMIT: '65536' } });
    caseworker = await server.signIn('caseworker');
  });
  afterAll(() => server?.close());

  const expectProblem = async (response: Response, status: number, error: string) => {
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error).toBe(error);
    expect(body.message).toMatch(/^[A-Z].+\.$/);
  };

  it('answers malformed JSON with 400 and a message', async () => {
    const response = await server.call(caseworker, '/api/replication/events/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"assumedMasterState": null, "newDocumentState": {',
    });
    await expectProblem(response, 400, 'malformed_json');
    expect(await countEvents()).toBe(0);
  });

  it('refuses a push that is not a list of changes', async () => {
    await expectProblem(
      await server.call(caseworker, '/api/replication/events/push', {
        method: 'POST',
        json: { not: 'a list' },
      }),
      400,
      'invalid_request',
    );
  });

  it('refuses an event that breaks the envelope, and stores none of its batch', async () => {
    const good = caseLogged(caseworker);
    const bad = { ...caseLogged(caseworker), id: 'not-a-uuid' };
    await expectProblem(await push(server, caseworker, [good, bad]), 400, 'invalid_event');
    expect(await countEvents()).toBe(0);
  });

  it('refuses an unknown event type with a message', async () => {
    const response = await push(server, caseworker, [{ ...caseLogged(caseworker), type: 'case.teleported' }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await response.json()).message).toMatch(/case\.teleported|not know|not valid/);
    expect(await countEvents()).toBe(0);
  });

  it('refuses text the database cannot keep (half an emoji, a null character) with where it is', async () => {
    const cutEmoji = caseLogged(caseworker, {});
    (cutEmoji.payload as Record<string, unknown>).subject = `Bins ${'\ud83d'} missed`;
    const response = await push(server, caseworker, [cutEmoji]);
    expect(response.status).toBe(422);
    expect((await response.json()).message).toMatch(
      /payload\.subject: contains a character Clearway cannot store/,
    );
    const nul = caseLogged(caseworker, {});
    (nul.payload as Record<string, unknown>).requestText = 'Please send\u0000 the figures.';
    expect((await push(server, caseworker, [nul])).status).toBe(422);
    expect(await countEvents()).toBe(0);
  });

  it('answers a body over the limit with 413 and stores nothing', async () => {
    const huge = caseLogged(caseworker, {});
    (huge.payload as Record<string, unknown>).requestText = 'x'.repeat(70_000);
    const response = await server.call(caseworker, '/api/replication/events/push', {
      method: 'POST',
      json: [outboxRow(huge)],
    });
    await expectProblem(response, 413, 'too_large');
    expect(await countEvents()).toBe(0);
  });

  it('refuses a checkpoint it did not give', async () => {
    await expectProblem(
      await server.call(caseworker, '/api/replication/cases/pull?checkpoint=%7Bbroken'),
      400,
      'invalid_request',
    );
    await expectProblem(
      await server.call(caseworker, '/api/replication/cases/pull?checkpoint=%7B%22seq%22%3A-1%7D'),
      400,
      'invalid_request',
    );
  });

  it('answers an unknown collection and an unknown address with 404', async () => {
    await expectProblem(await server.call(caseworker, '/api/replication/secrets/pull'), 404, 'not_found');
    await expectProblem(await server.call(caseworker, '/api/nothing-here'), 404, 'not_found');
  });

  it('still works after all of that', async () => {
    expect((await push(server, caseworker, [caseLogged(caseworker)])).status).toBe(200);
    expect(await countEvents()).toBe(1);
  });
});
