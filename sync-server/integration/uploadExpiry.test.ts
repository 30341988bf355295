// Abandoned uploads: an upload started and never finished is removed from the server's disk once
// CLEARWAY_UPLOAD_EXPIRY_DAYS have passed (here a few seconds), and can no longer be resumed; a
// file whose upload finished stays.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { type SignedIn, startTestServer, type TestServer } from '../testing/server';
import { b64, pdfBytes, sha256 } from '../testing/uploadFiles';

const EXPIRY_SECONDS = 3;

describe.each(databasesUnderTest())('abandoned uploads on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  const tusHeaders = () => ({ authorization: `Bearer ${caseworker.token}`, 'tus-resumable': '1.0.0' });
  const uploadsDir = () => path.join(server.dataDir, 'blobs', 'uploads');
  beforeAll(async () => {
    server = await startTestServer(engine, {
      env: { CLEARWAY_UPLOAD_EXPIRY_DAYS: String(EXPIRY_SECONDS / 86_400) },
    });
    caseworker = await server.signIn('caseworker');
  });
  afterAll(async () => {
    await server?.close();
  });

  const start = async (data: Buffer) => {
    const response = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(),
        'upload-length': String(data.length),
        'upload-metadata': `sha256 ${b64(sha256(data))},filename ${b64('response.pdf')}`,
      },
    });
    expect(response.status).toBe(201);
    return new URL(response.headers.get('location')!, server.url).toString();
  };
  const send = (uploadUrl: string, bytes: Buffer<ArrayBuffer>) =>
    fetch(uploadUrl, {
      method: 'PATCH',
      headers: { ...tusHeaders(), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    });

  it('removes an upload left unfinished once it expires, and keeps a finished file', async () => {
    const finished = pdfBytes(20_000);
    expect((await send(await start(finished), finished)).status).toBe(204);

    const abandoned = pdfBytes(20_000);
    const abandonedUrl = await start(abandoned);
    const abandonedId = path.basename(new URL(abandonedUrl).pathname);
    const halfway = await send(abandonedUrl, abandoned.subarray(0, 10_000));
    expect(halfway.status).toBe(204);
    expect(halfway.headers.get('upload-expires')).not.toBeNull();
    expect(await readdir(uploadsDir())).toEqual(expect.arrayContaining([abandonedId, `${abandonedId}.json`]));

    // The server's own regular clean-up, not one the test calls.
    await expect
      .poll(async () => (await readdir(uploadsDir())).some((file) => file.startsWith(abandonedId)), {
        message: 'the abandoned upload was never removed',
        timeout: 20_000,
        interval: 250,
      })
      .toBe(false);

    const head = await fetch(abandonedUrl, { method: 'HEAD', headers: tusHeaders() });
    expect([404, 410]).toContain(head.status);
    const resumed = await fetch(abandonedUrl, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(),
        'upload-offset': '10000',
        'content-type': 'application/offset+octet-stream',
      },
      body: abandoned.subarray(10_000),
    });
    expect([404, 410]).toContain(resumed.status);

    // Started before the abandoned one, so past its expiry too when the clean-up ran.
    const download = await server.call(caseworker, `/api/blobs/${sha256(finished)}`);
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(finished));
  });
});
