// bench:review (issue 6): the review tool's document viewer beside bare pdf.js in the same run,
// in Debian's Chromium: time to show page 1 of tracemonkey.pdf and of a 300-page bundle, the
// cost per page of scrolling through, and 1,000 marks drawn over a page.
// Aim: within 1.2× of bare pdf.js; 1,000 marks stay responsive (a change painted within 100 ms).
//   npm run bench:review   (BENCH_RUNS to change how many fresh page loads each figure takes)
//
// The viewer and a bare pdf.js page are built together by Vite (./inBrowser.tsx), served from
// 127.0.0.1, and each measurement runs on a fresh page load so no side gains from the other's
// caches; the two sides alternate, and the median is reported.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { CORPUS_DIR } from '../../src/pdf/testing/corpusCases';
import { launchChromium } from '../../tests/chromium';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_ONLY=open|scroll|marks: one kind of figure (to look into one). */
const ONLY = process.env.BENCH_ONLY;
const wanted = (kind: 'open' | 'scroll' | 'marks') => ONLY === undefined || ONLY === kind;
const SCALE = 1.5;
const SCROLL_PAGES = 30;
const MARKS = 1_000;
const RATIO_AIM = 1.2;
const MARK_AIM_MS = 100;
const BUNDLE_PAGES = 300;

const REPO = join(import.meta.dirname, '../..');
const out = await mkdtemp(join(tmpdir(), 'clearway-bench-review-'));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** 300 pages made by copying tracemonkey.pdf's pages over and over, as a disclosure bundle is. */
async function makeBundle(source: Uint8Array): Promise<Uint8Array> {
  const from = await PDFDocument.load(source);
  const bundle = await PDFDocument.create();
  const indices = from.getPageIndices();
  while (bundle.getPageCount() < BUNDLE_PAGES) {
    const wanted = indices.slice(0, BUNDLE_PAGES - bundle.getPageCount());
    for (const page of await bundle.copyPages(from, wanted)) bundle.addPage(page);
  }
  return bundle.save();
}

await build({
  root: import.meta.dirname,
  configFile: false,
  logLevel: 'error',
  plugins: [react()],
  // The viewer loads pdf.js's browser host, which globs assets under /node_modules.
  resolve: { alias: { '/node_modules': join(REPO, 'node_modules') } },
  build: { outDir: out, emptyOutDir: true, target: 'es2022' },
});
const tracemonkey = await readFile(join(CORPUS_DIR, 'tracemonkey.pdf'));
await writeFile(join(out, 'tracemonkey.pdf'), tracemonkey);
await writeFile(join(out, 'bundle.pdf'), await makeBundle(new Uint8Array(tracemonkey)));

const server = createServer(async (request, response) => {
  const asked = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
  const path = asked === '/' ? '/index.html' : asked;
  try {
    const body = await readFile(join(out, path));
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

type Call = { fn: string; args: unknown[] };

/** One measurement on a fresh page load of the bench page. */
async function once<T>({ fn, args }: Call): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page: Page = await context.newPage();
    page.on('pageerror', (error) => console.error('In the page:', error.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    return (await page.evaluate(
      ({ fn, args }) =>
        (window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[fn]!(...args),
      { fn, args },
    )) as T;
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Both sides, alternating, RUNS times each; the medians. */
async function pair<T>(ours: Call, bare: Call, pick: (t: T) => number): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const first = run % 2 === 0;
    if (first) a.push(pick(await once<T>(ours)));
    b.push(pick(await once<T>(bare)));
    if (!first) a.push(pick(await once<T>(ours)));
  }
  return [median(a), median(b)];
}

const number = (v: number) => v;
type Scroll = { perPage: number; worstFrame: number };
type Row = [name: string, ours: number, bare: number | null, verdict: string];
const rows: Row[] = [];
const ratioVerdict = (ours: number, bare: number) =>
  ours / bare <= RATIO_AIM ? `within ${RATIO_AIM}×: met` : `within ${RATIO_AIM}×: NOT met`;

async function marks(): Promise<void> {
  const [withMarks, withoutMarks] = await pair<number>(
    { fn: 'viewerFirstPage', args: ['/tracemonkey.pdf', SCALE, MARKS] },
    { fn: 'viewerFirstPage', args: ['/tracemonkey.pdf', SCALE, 0] },
    number,
  );
  rows.push([
    `page 1 with ${MARKS.toLocaleString('en-GB')} marks (beside: no marks)`,
    withMarks,
    withoutMarks,
    '',
  ]);
  const [update, updateFromNone] = await pair<number>(
    { fn: 'markUpdate', args: ['/tracemonkey.pdf', SCALE, MARKS] },
    { fn: 'markUpdate', args: ['/tracemonkey.pdf', SCALE, 0] },
    number,
  );
  rows.push([
    `one more mark on a page of ${MARKS.toLocaleString('en-GB')}: painted (beside: first mark)`,
    update,
    updateFromNone,
    update <= MARK_AIM_MS ? `under ${MARK_AIM_MS} ms: met` : `under ${MARK_AIM_MS} ms: NOT met`,
  ]);
}

try {
  for (const [label, file, scrollPages] of [
    ['tracemonkey.pdf (14 pages)', '/tracemonkey.pdf', 13],
    [`${BUNDLE_PAGES}-page bundle`, '/bundle.pdf', SCROLL_PAGES],
  ] as const) {
    if (wanted('open')) {
      const [ours, bare] = await pair<number>(
        { fn: 'viewerFirstPage', args: [file, SCALE] },
        { fn: 'bareFirstPage', args: [file, SCALE] },
        number,
      );
      rows.push([`${label}: open to page 1 shown`, ours, bare, ratioVerdict(ours, bare)]);
    }
    if (!wanted('scroll')) continue;
    const [perPage, barePerPage] = await pair<Scroll>(
      { fn: 'viewerScroll', args: [file, SCALE, scrollPages] },
      { fn: 'bareScroll', args: [file, SCALE, scrollPages] },
      (s) => s.perPage,
    );
    rows.push([
      `${label}: scrolling, per page (${scrollPages} pages)`,
      perPage,
      barePerPage,
      ratioVerdict(perPage, barePerPage),
    ]);
  }
  if (wanted('marks')) await marks();
  console.log('');
  console.log(
    `Chromium (Debian), 1280×900, zoom ${SCALE * 100}%, median of ${RUNS} fresh page loads per figure, the two sides alternating.`,
  );
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    'Beside: bare pdf.js doing the same (canvas, then text layer) for opening and scrolling; for the marks rows, the viewer with no marks.',
  );
  console.log(`${'Figure'.padEnd(width)}     Viewer       Beside  Ratio  Aim`);
  for (const [name, ours, bare, verdict] of rows) {
    const ratio = bare === null ? '' : `${(ours / bare).toFixed(2)}×`;
    console.log(
      `${name.padEnd(width)}  ${`${ours.toFixed(0)} ms`.padStart(9)}  ${(bare === null ? '' : `${bare.toFixed(0)} ms`).padStart(12)}  ${ratio.padStart(5)}  ${verdict}`,
    );
  }
} finally {
  await browser.close();
  server.close();
  await rm(out, { recursive: true, force: true });
}
