// Files are served so that none can run as a page of the app: the server reads what a file is
// from its bytes (the uploader's claimed type and name count for nothing), shows only PDFs and
// images in place, and sends every file with `nosniff` and a sandboxing CSP. Rows stored before
// the server read types keep their claimed type, which is believed only when the bytes agree.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../testing/databases';
import { type SignedIn, startTestServer, type TestServer } from '../testing/server';
import { b64, sha256 } from '../testing/uploadFiles';

const CORPUS_DIR = process.env.CLEARWAY_PDF_CORPUS ?? join(import.meta.dirname, '../../../shared/pdf-corpus');
const PDF = readFileSync(join(CORPUS_DIR, 'tracemonkey.pdf'));
const PNG = readFileSync(join(import.meta.dirname, '../../public/icons/icon-192.png'));
const HTML = Buffer.from(
  '<!doctype html><script>fetch("/api/me").then((r) => r.text()).then((t) => alert(t))</script>',
);
const SANDBOX_CSP = "sandbox; default-src 'none'";

describe.each(databasesUnderTest())('the type a file is served with, on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A whole file through tus in one PATCH, claiming whatever type and name it is given. */
  const upload = async (data: Buffer, filename: string, filetype: string) => {
    const headers = { authorization: `Bearer ${caseworker.token}`, 'tus-resumable': '1.0.0' };
    const created = await fetch(`${server.url}/api/blobs/uploads`, {
      method: 'POST',
      headers: {
        ...headers,
        'upload-length': String(data.length),
        'upload-metadata': `sha256 ${b64(sha256(data))},filename ${b64(filename)},filetype ${b64(filetype)}`,
      },
    });
    expect(created.status).toBe(201);
    // An empty file is finished by the POST that creates it.
    if (data.length === 0) return sha256(data);
    const patched = await fetch(new URL(created.headers.get('location')!, server.url), {
      method: 'PATCH',
      headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(data),
    });
    expect(patched.status).toBe(204);
    return sha256(data);
  };
  const download = (hash: string, init: Parameters<TestServer['call']>[2] = {}) =>
    server.call(caseworker, `/api/blobs/${hash}`, init);
  const expectSandboxed = (response: Response) => {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(SANDBOX_CSP);
  };
  const expectServedAs = (
    response: Response,
    type: string,
    disposition: 'inline' | 'attachment',
    name: string,
  ) => {
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-disposition')).toBe(`${disposition}; filename*=UTF-8''${name}`);
    expectSandboxed(response);
  };
  /** As a row stored before the server read types: whatever the uploader claimed. */
  const claimedEarlier = (hash: string, contentType: string) =>
    server.db.query('update blobs set content_type = $1 where sha256 = $2', [contentType, hash]);

  it('serves an HTML file claimed as text/html as a sandboxed download, never as a page', async () => {
    const hash = await upload(HTML, 'minutes.html', 'text/html');
    for (const method of ['GET', 'HEAD']) {
      const response = await download(hash, { method });
      expect(response.status).toBe(200);
      expectServedAs(response, 'application/octet-stream', 'attachment', 'minutes.html');
      if (method === 'GET') expect(Buffer.from(await response.arrayBuffer()).equals(HTML)).toBe(true);
    }
    const [row] = await server.db.query<{ content_type: string }>(
      'select content_type from blobs where sha256 = $1',
      [hash],
    );
    expect(row?.content_type).toBe('application/octet-stream');
  });

  it('serves a real PDF claimed as text/html as a PDF in place, with ranges and ETags as before', async () => {
    const hash = await upload(PDF, 'tracemonkey.html', 'text/html');
    const whole = await download(hash);
    expect(whole.status).toBe(200);
    expectServedAs(whole, 'application/pdf', 'inline', 'tracemonkey.html');
    expect(whole.headers.get('content-length')).toBe(String(PDF.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(PDF)).toBe(true);

    const ranged = await download(hash, { headers: { range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${PDF.length}`);
    expect(ranged.headers.get('content-type')).toBe('application/pdf');
    expectSandboxed(ranged);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(PDF.subarray(1000, 2000))).toBe(true);

    const tail = await download(hash, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(PDF.subarray(PDF.length - 10))).toBe(true);

    const cached = await download(hash, { headers: { 'if-none-match': `"${hash}"` } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(`"${hash}"`);
    expect((await download(hash, { headers: { range: `bytes=${PDF.length}-` } })).status).toBe(416);
  });

  it('serves a PNG as an image in place, whatever type it claimed', async () => {
    const hash = await upload(PNG, 'icon.pdf', 'application/pdf');
    expectServedAs(await download(hash), 'image/png', 'inline', 'icon.pdf');
  });

  it('serves other files, such as a Word document known only by its name, as downloads', async () => {
    const docx = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(2_000)]);
    const hash = await upload(docx, 'reply.docx', '');
    expectServedAs(await download(hash), 'application/octet-stream', 'attachment', 'reply.docx');
  });

  it('believes a type stored before this check only when the file’s first bytes agree', async () => {
    const html = await upload(Buffer.concat([HTML, Buffer.from('<!-- earlier -->')]), 'a.png', 'image/png');
    await claimedEarlier(html, 'image/png');
    expectServedAs(await download(html), 'application/octet-stream', 'attachment', 'a.png');

    await claimedEarlier(html, 'text/html');
    expect((await download(html)).headers.get('content-type')).toBe('application/octet-stream');

    const pdf = await upload(PDF.subarray(0, 5_000), 'part.pdf', 'application/pdf');
    await claimedEarlier(pdf, 'application/pdf');
    const honest = await download(pdf, { headers: { range: 'bytes=0-99' } });
    expect(honest.status).toBe(206);
    expectServedAs(honest, 'application/pdf', 'inline', 'part.pdf');

    // A claim that is not one shown in place is not upgraded by the bytes either.
    await claimedEarlier(pdf, 'text/html');
    expectServedAs(await download(pdf), 'application/octet-stream', 'attachment', 'part.pdf');

    // An empty file has no first bytes to agree with anything.
    const empty = await upload(Buffer.alloc(0), 'empty.pdf', 'application/pdf');
    await claimedEarlier(empty, 'application/pdf');
    const nothing = await download(empty);
    expect(nothing.status).toBe(200);
    expectServedAs(nothing, 'application/octet-stream', 'attachment', 'empty.pdf');
    expect(nothing.headers.get('content-length')).toBe('0');
  });
});
