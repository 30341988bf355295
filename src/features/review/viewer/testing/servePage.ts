// The viewer's test page (index.html here) built by Vite and served from 127.0.0.1, for the
// viewer's browser test and bench:review alike: `/` is the page, `/NAME.pdf` a PDF given in
// `pdfs` or else one of the test corpus. Unminified (`minify: false`), a CPU profile names the
// functions.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { CORPUS_DIR } from '../../../../pdf/testing/corpusCases';

const REPO = join(import.meta.dirname, '../../../../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export type ServedPage = { origin: string; close(): Promise<void> };

export async function serveViewerPage(
  pdfs: Record<string, Uint8Array> = {},
  { minify = true }: { minify?: boolean } = {},
): Promise<ServedPage> {
  const out = await mkdtemp(join(tmpdir(), 'clearway-viewer-page-'));
  await build({
    root: import.meta.dirname,
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    // The viewer loads pdf.js's browser host, which globs assets under /node_modules.
    resolve: { alias: { '/node_modules': join(REPO, 'node_modules') } },
    build: { outDir: out, emptyOutDir: true, target: 'es2022', minify },
  });
  const server = createServer(async (request, response) => {
    const asked = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    const path = asked === '/' ? '/index.html' : asked;
    const pdf = path.endsWith('.pdf') ? path.slice(1).replaceAll('/', '') : null;
    try {
      const body =
        pdf === null
          ? await readFile(join(out, path))
          : (pdfs[pdf] ?? (await readFile(join(CORPUS_DIR, pdf))));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.close();
      await rm(out, { recursive: true, force: true });
    },
  };
}
