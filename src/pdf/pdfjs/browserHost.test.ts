// The browser path for real: Vite builds this folder as the app would (worker and binary data
// as emitted assets), Debian's Chromium loads it, and pdf.js reads text there — including a
// Chinese font whose encoding needs one of the bundled CMaps.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../tests/chromium';
import { CORPUS_DIR as CORPUS } from '../testing/corpusCases';

const REPO = join(import.meta.dirname, '../../..');
const OUT = join(tmpdir(), `clearway-pdfjs-browser-${process.pid}`);
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  await build({
    root: REPO,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: OUT,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: join(REPO, 'src/pdf/pdfjs/index.ts'),
        preserveEntrySignatures: 'strict',
        output: { entryFileNames: 'entry.js' },
      },
    },
  });
  await writeFile(
    join(OUT, 'index.html'),
    `<!doctype html><script type="module">import { extractTextItems } from './entry.js'; window.extractTextItems = extractTextItems; window.ready = true;</script>`,
  );
  for (const file of ['issue3521.pdf', 'hello_world_rotated.pdf'])
    await writeFile(join(OUT, file), await readFile(join(CORPUS, file)));
  server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const body = await readFile(join(OUT, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await rm(OUT, { recursive: true, force: true });
});

describe('pdf.js in the browser, as Vite bundles it', () => {
  it('reads text with positions, using the bundled worker and CMaps', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const read = (file: string) =>
      page.evaluate(async (name) => {
        const bytes = new Uint8Array(await (await fetch(`/${name}`)).arrayBuffer());
        const extract = (window as unknown as { extractTextItems: (d: Uint8Array) => Promise<unknown> })
          .extractTextItems;
        return extract(bytes);
      }, file) as Promise<{ rotation: number; items: { str: string }[] }[]>;
    const chinese = await read('issue3521.pdf');
    expect(chinese[0]!.items.map((i) => i.str).join('')).toContain('我们都是黑体字');
    const rotated = await read('hello_world_rotated.pdf');
    expect(rotated.map((p) => p.rotation)).toContain(90);
    expect(rotated[0]!.items[0]!.str).toBe('Hello world');
  }, 60_000);
});
