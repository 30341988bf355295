// A file's hash is not a key to it: adding a document by its sha256 to a case you hold lets that
// case's people open the file only if you could open it yourself, or are the one who uploads it
// (blobs/blobAccess.ts). The app's own offline order (document.added pushed, the upload later)
// and a file re-used from a case where it could be opened keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../accounts/users';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';
import { b64, pdfBytes, sha256 } from '../testing/uploadFiles';

describe.each(databasesUnderTest())('who may open a file a case references, on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  let official: SignedIn;
  let clearance: SignedIn;
  let manager: SignedIn;
  /** A policy official who sees only the cases allocated to them. */
  let outsider: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
    clearance = await server.signIn('clearance');
    manager = await server.signIn('manager');
    await createAccount(server.db, {
      username: 'outsider',
      displayName: 'Jo Bloggs',
      password: 'outsider password',
      roles: ['policy_official'],
      teamIds: ['waste-policy'],
    });
    outsider = await server.signIn('outsider', 'outsider password');
  });
  afterAll(() => server?.close());

  /** The whole file in one tus upload, as `who`. */
  const upload = async (who: SignedIn, data: Buffer) => {
    const tusHeaders = { authorization: `Bearer ${who.token}`, 'tus-resumable': '1.0.0' };
    const created = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders,
        'upload-length': String(data.length),
        'upload-metadata': `sha256 ${b64(sha256(data))},filename ${b64('letter.pdf')}`,
      },
    });
    expect(created.status).toBe(201);
    const patched = await fetch(new URL(created.headers.get('location')!, server.url), {
      method: 'PATCH',
      headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(data),
    });
    expect(patched.status).toBe(204);
  };

  /** Pushes `events` as `who` and expects every one accepted. */
  const pushAccepted = async (who: SignedIn, events: Record<string, unknown>[]) => {
    expect((await push(server, who, events)).status).toBe(200);
    const rows = await server.db.query<{ status: string; reason: string | null }>(
      'select status, reason from events where id = any($1) order by id',
      [events.map((e) => e.id)],
    );
    expect(rows).toEqual(events.map(() => ({ status: 'accepted', reason: null })));
  };

  const documentAdded = (who: SignedIn, stream: string, data: Buffer) =>
    eventOn(who, stream, 'document.added', {
      sha256: sha256(data),
      name: 'letter.pdf',
      size: data.length,
      mime: 'application/pdf',
      kind: 'correspondence',
    });

  const allocatedTo = (stream: string, to: string, allocationId: string) =>
    eventOn(caseworker, stream, 'case.allocated', {
      allocationId,
      to,
      teamId: 'waste-policy',
      service: 'Waste policy',
    });

  /** A new case the case worker logs, allocated to each of `holders`. */
  const caseHeldBy = async (...holders: string[]) => {
    const logged = caseLogged(caseworker);
    await pushAccepted(caseworker, [
      logged,
      ...holders.map((to, i) => allocatedTo(logged.stream, to, `a${i}`)),
    ]);
    return logged.stream;
  };

  const status = async (who: SignedIn, data: Buffer) =>
    (await server.call(who, `/api/blobs/${sha256(data)}`)).status;

  it('refuses a document of a case you may not see, added by its hash to a case you hold', async () => {
    // Case A: the case worker's, with a document; the official may not see it.
    const secret = pdfBytes(20_000);
    const caseA = await caseHeldBy();
    await upload(caseworker, secret);
    await pushAccepted(caseworker, [documentAdded(caseworker, caseA, secret)]);
    expect(await status(official, secret)).toBe(404);

    // The official noted its hash, and adds it to case B, which they hold. The change itself is
    // harmless (it names a file) and is accepted, but it opens nothing.
    const caseB = await caseHeldBy('official', 'clearance');
    await pushAccepted(official, [documentAdded(official, caseB, secret)]);
    expect(await status(official, secret)).toBe(404);
    expect(await status(clearance, secret)).toBe(404);
    // The same answer as for a file that is not there: its existence is not disclosed either.
    const body = await (await server.call(official, `/api/blobs/${sha256(secret)}`)).json();
    expect(body.message).toBe('There is no such file, or you may not see it.');
    // Those who may see case A still open it.
    expect(await status(caseworker, secret)).toBe(200);
    expect(await status(manager, secret)).toBe(200);
  });

  it('refuses it too when the hash is added before the file arrives, and the owner uploads it later', async () => {
    const secret = pdfBytes(15_000);
    const caseA = await caseHeldBy();
    // The case worker's device pushes first and uploads later (the offline order).
    await pushAccepted(caseworker, [documentAdded(caseworker, caseA, secret)]);
    const caseB = await caseHeldBy('official', 'clearance');
    await pushAccepted(official, [documentAdded(official, caseB, secret)]);
    await upload(caseworker, secret);
    expect(await status(official, secret)).toBe(404);
    expect(await status(clearance, secret)).toBe(404);
    expect(await status(manager, secret)).toBe(200);
  });

  it('lets a colleague open a document pushed before its upload finished, once it arrives', async () => {
    const letter = pdfBytes(30_000);
    const stream = await caseHeldBy('official');
    await pushAccepted(caseworker, [documentAdded(caseworker, stream, letter)]);
    // Not there yet: nobody can open it.
    expect(await status(official, letter)).toBe(404);
    await upload(caseworker, letter);
    const download = await server.call(official, `/api/blobs/${sha256(letter)}`);
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(letter));
  });

  it('lets a file be re-used on another case by someone who may open it', async () => {
    const letter = pdfBytes(25_000);
    const caseD = await caseHeldBy('official');
    await upload(caseworker, letter);
    await pushAccepted(caseworker, [documentAdded(caseworker, caseD, letter)]);
    // The official may open it through case D, and adds it to case E, which the clearance
    // officer holds with them (the clearance officer may not see case D).
    expect(await status(official, letter)).toBe(200);
    const caseE = await caseHeldBy('official', 'clearance');
    expect(await status(clearance, letter)).toBe(404);
    await pushAccepted(official, [documentAdded(official, caseE, letter)]);
    expect(await status(clearance, letter)).toBe(200);
  });

  it('counts everyone who uploads a file’s bytes as its uploader, not only the first', async () => {
    // The same request letter sent to two teams. The case worker uploads it first, on case 1,
    // which neither the official nor the clearance officer may see.
    const letter = pdfBytes(18_000);
    const case1 = await caseHeldBy();
    await upload(caseworker, letter);
    await pushAccepted(caseworker, [documentAdded(caseworker, case1, letter)]);
    // The official's device adds it to case 2 (the app's offline order: the change first), then
    // uploads the very same bytes, unaware the server has them.
    const case2 = await caseHeldBy('official', 'clearance');
    await pushAccepted(official, [documentAdded(official, case2, letter)]);
    expect(await status(official, letter)).toBe(404);
    await upload(official, letter);
    expect(await status(official, letter)).toBe(200);
    expect(await status(clearance, letter)).toBe(200);
    // Someone who only names its hash on a case of theirs, without sending the bytes, still opens
    // nothing: another person's upload does not make their reference count.
    const case3 = await caseHeldBy(outsider.userId);
    await pushAccepted(outsider, [documentAdded(outsider, case3, letter)]);
    expect(await status(outsider, letter)).toBe(404);
    // The case worker, who uploaded it first, still opens it.
    expect(await status(caseworker, letter)).toBe(200);
  });
});
