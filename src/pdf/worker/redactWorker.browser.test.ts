// The redaction worker as the browser runs it: Vite bundles the real worker (and pdf.js's
// browser build, its CMaps, fonts and wasm) the way the app does, Debian's Chromium loads it
// from a local server, and the worker redacts a corpus PDF. Poppler, which shares no code with
// the engine, then reads the result.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../tests/chromium';
import { findText } from '../find';
import { CORPUS_DIR } from '../testing/corpusCases';
import { pdftotext, squash } from '../testing/oracles';

const ROOT = join(import.meta.dirname, '../../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>worker</title><script type="module" src="/harness.js"></script>';

let outDir = '';
let server: Server | undefined;
let origin = '';

/** Serves the built files, the page above and the corpus (under /corpus/). */
function serve(dir: string): Promise<Server> {
  const s = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const [base, rest] = path.startsWith('/corpus/') ? [CORPUS_DIR, path.slice(8)] : [dir, path.slice(1)];
    const file = normalize(join(base, decodeURIComponent(rest)));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'clearway-worker-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: { harness: join(import.meta.dirname, 'browserHarness.ts') },
        output: { entryFileNames: '[name].js' },
      },
    },
  });
  server = await serve(outDir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the redaction worker in Chromium', () => {
  it('redacts every occurrence of a word on a corpus page, and poppler cannot read it afterwards', async () => {
    const file = 'tracemonkey.pdf';
    const original = new Uint8Array(await readFile(join(CORPUS_DIR, file)));
    const regions = (await findText(original, 'trace', { pages: [1] })).map(
      ({ page, x, y, width, height }) => ({ page, x, y, width, height, label: 's40(2)' }),
    );
    expect(regions.length).toBeGreaterThan(5);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(origin);
      await page.waitForFunction(() => 'redactInWorker' in globalThis);
      const result = await page.evaluate(
        ([url, list]) =>
          (
            globalThis as unknown as {
              redactInWorker: (
                u: string,
                r: unknown,
              ) => Promise<{ ok: boolean; pdf?: string; reason?: string }>;
            }
          ).redactInWorker(url, list),
        [`/corpus/${file}`, regions] as const,
      );
      expect(errors).toEqual([]);
      if (!result.ok || !result.pdf) throw new Error(result.reason ?? 'no file');
      const out = new Uint8Array(Buffer.from(result.pdf, 'base64'));
      const [before, after] = await Promise.all([pdftotext(original), pdftotext(out)]);
      const firstPage = (text: string) => squash(text.split('\f')[0] ?? '');
      expect(firstPage(before.text)).toContain('trace');
      expect(firstPage(after.text)).not.toContain('trace');
      // The rest of the page is still there, and so are the other pages.
      expect(firstPage(after.text)).toContain('typespecialization');
      expect(squash(after.text)).toContain(squash('Loop Nesting'));
    } finally {
      await browser.close();
    }
  }, 240_000);
});
