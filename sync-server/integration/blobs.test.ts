// Files: resumable tus uploads (a connection cut halfway, then resumed), the server's own
// SHA-256 check, content-addressed downloads with Range and ETag, and who may read a file.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBucket, type TestBucket } from '../testing/bucket';
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

/** Sends the first `cutAfter` bytes of a PATCH, then drops the connection, as a train entering a tunnel would. */
function patchThenCut(url: string, token: string, data: Buffer, cutAfter: number): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(data.length),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(data.subarray(0, cutAfter), () => setTimeout(() => request.destroy(), 200));
  });
}

/**
 * Whether a browser may keep the answer in its HTTP cache: anything but `no-store` lets it write
 * the bytes to disk (`no-cache` only makes it ask before reusing them).
 */
function isKeptByBrowser(cacheControl: string | null): boolean {
  const directives = (cacheControl ?? '').split(',').map((d) => d.trim().toLowerCase());
  return !directives.includes('no-store');
}

// Every database with files in a folder; and PGlite with files in an S3-compatible bucket.
const setups = [
  ...databasesUnderTest().map((engine) => ({ engine, store: 'folder' as const })),
  { engine: databasesUnderTest()[0]!, store: 'bucket' as const },
];

describe.each(setups)('blobs on $engine.name, files in a $store', ({ engine, store }) => {
  let server: TestServer;
  let bucket: TestBucket | undefined;
  let caseworker: SignedIn;
  let official: SignedIn;
  const tusHeaders = (who: SignedIn) => ({ authorization: `Bearer ${who.token}`, 'tus-resumable': '1.0.0' });
  beforeAll(async () => {
    bucket = store === 'bucket' ? await startTestBucket() : undefined;
    server = await startTestServer(engine, { env: bucket?.env ?? {} });
    caseworker = await server.signIn('caseworker');
    official = await server.signIn('official');
  });
  afterAll(async () => {
    await server?.close();
    await bucket?.close();
  });
  /** A download as a browser revalidating its copy would ask for it. */
  const revalidate = (who: SignedIn, hash: string) =>
    server.call(who, `/api/blobs/${hash}`, { headers: { 'if-none-match': `"${hash}"` } });

  const create = async (who: SignedIn, data: Buffer, hash = sha256(data)) => {
    const response = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(who),
        'upload-length': String(data.length),
        'upload-metadata': `sha256 ${b64(hash)},filename ${b64('response.pdf')},filetype ${b64('application/pdf')}`,
      },
    });
    expect(response.status).toBe(201);
    return new URL(response.headers.get('location')!, server.url).toString();
  };

  it('resumes an upload after the connection is cut, verifies it, and serves it by its hash', async () => {
    const data = pdfBytes(3 * 1024 * 1024);
    const hash = sha256(data);
    const uploadUrl = await create(caseworker, data);
    await patchThenCut(uploadUrl, caseworker.token, data, 1024 * 1024);

    // Nobody else may continue (or probe) someone's upload.
    expect((await fetch(uploadUrl, { method: 'HEAD', headers: tusHeaders(official) })).status).toBe(404);
    const head = await fetch(uploadUrl, { method: 'HEAD', headers: tusHeaders(caseworker) });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(data.length);

    const rest = await fetch(uploadUrl, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(caseworker),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: data.subarray(offset),
    });
    expect(rest.status).toBe(204);

    const download = await server.call(caseworker, `/api/blobs/${hash}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('etag')).toBe(`"${hash}"`);
    expect(isKeptByBrowser(download.headers.get('cache-control'))).toBe(false);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(hash);
  });

  it('uploads with tus-js-client in chunks', async () => {
    const data = pdfBytes(700_000);
    const hash = sha256(data);
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(data, {
        // As src/data/blobs.ts calls it: trailing slash, no file type (the server reads it from the bytes).
        endpoint: `${server.url}/api/blobs/uploads/`,
        headers: { authorization: `Bearer ${caseworker.token}` },
        metadata: { sha256: hash, filename: 'letter.pdf' },
        chunkSize: 256 * 1024,
        retryDelays: [],
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    const download = await server.call(caseworker, `/api/blobs/${hash}`, { method: 'HEAD' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(data.length));
    expect(download.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a file whose bytes do not match the SHA-256 it claimed, and keeps nothing', async () => {
    const data = randomBytes(10_000);
    const claimed = sha256(Buffer.from('something else'));
    const uploadUrl = await create(caseworker, data, claimed);
    const response = await fetch(uploadUrl, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(caseworker),
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: data,
    });
    expect(response.status).toBe(422);
    expect((await response.json()).error).toBe('hash_mismatch');
    expect((await server.call(caseworker, `/api/blobs/${claimed}`)).status).toBe(404);
    expect((await server.call(caseworker, `/api/blobs/${sha256(data)}`)).status).toBe(404);
  });

  it('refuses an upload without a SHA-256, and uploads without a session', async () => {
    const missing = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(caseworker),
        'upload-length': '10',
        'upload-metadata': `filename ${b64('a.pdf')}`,
      },
    });
    expect(missing.status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('lets only people who may see a case that references a file read it; serves ranges and 304s', async () => {
    const data = randomBytes(50_000);
    const hash = sha256(data);
    const uploadUrl = await create(caseworker, data);
    await fetch(uploadUrl, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(caseworker),
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: data,
    });
    expect((await server.call(official, `/api/blobs/${hash}`)).status).toBe(404);
    // Knowing the hash and sending it as an ETag does not get a "not modified" either.
    expect((await revalidate(official, hash)).status).toBe(404);

    const logged = caseLogged(caseworker);
    await push(server, caseworker, [
      logged,
      eventOn(caseworker, logged.stream, 'document.added', {
        sha256: hash,
        name: 'response.pdf',
        size: data.length,
        mime: 'application/pdf',
        kind: 'draft',
      }),
    ]);
    expect((await server.call(official, `/api/blobs/${hash}`)).status).toBe(404);

    const inWastePolicy = { teamId: 'waste-policy', service: 'Waste policy' };
    await push(server, caseworker, [
      eventOn(caseworker, logged.stream, 'case.allocated', {
        allocationId: 'a1',
        to: 'official',
        ...inWastePolicy,
      }),
    ]);
    const ranged = await server.call(official, `/api/blobs/${hash}`, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${data.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);
    expect(isKeptByBrowser(ranged.headers.get('cache-control'))).toBe(false);

    const cached = await revalidate(official, hash);
    expect(cached.status).toBe(304);
    expect(isKeptByBrowser(cached.headers.get('cache-control'))).toBe(false);
    const outside = await server.call(official, `/api/blobs/${hash}`, {
      headers: { range: `bytes=${data.length + 5}-` },
    });
    expect(outside.status).toBe(416);

    // Handed on to someone else: the official no longer may read it, even to be told it is unchanged.
    await push(server, caseworker, [
      eventOn(caseworker, logged.stream, 'case.reallocated', {
        allocationId: 'a1',
        newAllocationId: 'a2',
        to: 'clearance',
        reason: 'Not a waste matter',
        ...inWastePolicy,
      }),
    ]);
    expect((await server.call(official, `/api/blobs/${hash}`)).status).toBe(404);
    expect((await revalidate(official, hash)).status).toBe(404);
  });
});
