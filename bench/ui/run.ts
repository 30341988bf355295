// bench:ui (issue 5): with 50,000 cases stored on a device, the time to show My work's first
// page after a cold start, and filtered (type + status), due-date sorted All cases pages of 50
// with the list's total, through the data layer, each beside the same query straight on Dexie
// (on the same lean summary rows) in the same run.
// Aim: under 1 second to My work, under 100 ms per query.
//   npm run bench:ui   (BENCH_CASES to change the number of cases)
// To profile: BENCH_PROFILE=<folder> keeps the stored cases there between runs (seeded once, on
// fixed ports); BENCH_VERBOSE=1 prints the pages' console; BENCH_CPU_PROFILE=<file> writes a
// Chrome CPU profile of the data layer's run (unminified), to open in the browser's DevTools.
//
// Debian's Chromium is launched four times on one profile (./inBrowser.ts, bundled with
// esbuild, served from 127.0.0.1 on one port per side, so each side has its own IndexedDB
// files): to store each side's cases, then once per side, so each opens IndexedDB from disk in
// a browser that has never read it. The device opens offline with
// its stored session, as it would on a train; the app's screens are not drawn (the figure is the
// data layer's list in hand, which My work renders as it arrives).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { PAGE_SIZE } from '../../src/data/caseQueries';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium';
import type { Phase, PhaseFigures } from './inBrowser';
import { DEEP_PAGE } from './seedCases';

type Figure = [name: string, ours: number, baseline: number, aim: number];

const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const MY_WORK_AIM_MS = 1_000;
const QUERY_AIM_MS = 100;

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./inBrowser.ts', import.meta.url))],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: !process.env.BENCH_CPU_PROFILE,
  define: { 'import.meta.env.DEV': 'false' },
  logLevel: 'error',
});
const script = bundle.outputFiles[0]?.text ?? '';
const serve = (request: IncomingMessage, response: ServerResponse) => {
  if (request.url === '/bench.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    return;
  }
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!doctype html><html lang="en"><title>bench:ui</title><script src="/bench.js"></script></html>');
};
/** A kept profile needs the same origins (IndexedDB belongs to one) on every run. */
async function listen(keptPort: number): Promise<{ server: Server; origin: string }> {
  const server = createServer(serve);
  const port = process.env.BENCH_PROFILE ? keptPort : 0;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const dexieSide = await listen(47_311);
const dataSide = await listen(47_312);
// BENCH_PROFILE keeps the stored cases in that folder between runs (seeded once), to profile.
const keptProfile = process.env.BENCH_PROFILE;
const profile = keptProfile ?? (await mkdtemp(join(tmpdir(), 'clearway-bench-ui-')));
const isSeeded = keptProfile !== undefined && existsSync(join(keptProfile, `seeded-${CASES}`));

/** One phase in a freshly launched browser on the shared profile. */
async function inFreshBrowser<T extends PhaseFigures | number>(phase: Phase, origin: string): Promise<T> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('In the page:', error.message));
    if (process.env.BENCH_VERBOSE)
      page.on('console', (message) => console.log(`  [${phase}] ${message.text()}`));
    const cpuProfile = phase === 'dataLayer' ? process.env.BENCH_CPU_PROFILE : undefined;
    const cdp = cpuProfile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${origin}/?phase=${phase}&cases=${CASES}`);
    const figures = await page.evaluate(() => (globalThis as unknown as { uiBench: Promise<T> }).uiBench);
    if (cdp && cpuProfile) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      await writeFile(cpuProfile, JSON.stringify(cpu));
    }
    return figures;
  } finally {
    await context.close();
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const worst = (values: number[]) => Math.max(...values);
const verdict = (value: number, aim: number) => (value < aim ? 'met' : 'NOT met');

try {
  console.log(`Storing ${CASES.toLocaleString('en-GB')} cases on the device (not part of any figure)…`);
  if (!isSeeded) {
    await inFreshBrowser<number>('seedDexie', dexieSide.origin);
    await inFreshBrowser<number>('seedDataLayer', dataSide.origin);
    if (keptProfile) await writeFile(join(keptProfile, `seeded-${CASES}`), '');
  }
  const dexie = await inFreshBrowser<PhaseFigures>('dexie', dexieSide.origin);
  const data = await inFreshBrowser<PhaseFigures>('dataLayer', dataSide.origin);
  if (dexie.stored !== CASES || data.stored !== CASES)
    throw new Error(`Expected ${CASES} cases on both sides; found ${dexie.stored} and ${data.stored}.`);
  if (dexie.myWorkCount !== data.myWorkCount)
    throw new Error(
      `My work differs: ${data.myWorkCount} cases through the data layer, ${dexie.myWorkCount} on Dexie.`,
    );
  if (data.firstPage.join() !== dexie.firstPage.join() || data.deepPage.join() !== dexie.deepPage.join())
    throw new Error('A page of All cases differs between the data layer and Dexie.');
  if (data.matches !== dexie.matches)
    throw new Error(
      `The lists' totals differ: ${data.matches} through the data layer, ${dexie.matches} on Dexie.`,
    );

  const both = (name: string, ours: number[], baseline: number[], aim: number): Figure[] => [
    [`${name}: median`, median(ours), median(baseline), aim],
    [`${name}: worst`, worst(ours), worst(baseline), aim],
  ];
  const rows: Figure[] = [
    ['My work, cold start: open to first page', data.openToMyWorkMs, dexie.openToMyWorkMs, MY_WORK_AIM_MS],
    [
      'My work, cold start: page load to first page',
      data.loadToMyWorkMs,
      dexie.loadToMyWorkMs,
      MY_WORK_AIM_MS,
    ],
    ['My work, then the whole list (tally)', data.myWorkAllMs, dexie.myWorkAllMs, MY_WORK_AIM_MS],
    ...both('All cases, type + status by due, page 1', data.queryMs, dexie.queryMs, QUERY_AIM_MS),
    ...both(`Same, page ${DEEP_PAGE}`, data.deepQueryMs, dexie.deepQueryMs, QUERY_AIM_MS),
    ...both('Every match (a search reads them all)', data.allMatchesMs, dexie.allMatchesMs, QUERY_AIM_MS),
  ];
  console.log('');
  console.log(
    `Chromium (Debian), IndexedDB, ${CASES.toLocaleString('en-GB')} cases stored, ${data.myWorkCount.toLocaleString('en-GB')} in My work;` +
      ` ${data.queryMs.length} type + status filters, each queried once (${Math.round(data.matches / data.queryMs.length).toLocaleString('en-GB')} matches each on average). Pages of ${PAGE_SIZE} with the list's total.`,
  );
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${'Figure'.padEnd(width)}  Data layer     Dexie   Ratio  Aim`);
  for (const [name, ours, baseline, aim] of rows) {
    console.log(
      `${name.padEnd(width)}  ${ms(ours).padStart(10)}  ${ms(baseline).padStart(8)}  ${`${(ours / baseline).toFixed(1)}×`.padStart(6)}  under ${ms(aim)}: ${verdict(ours, aim)}`,
    );
  }
  console.log(
    `Of the data layer's cold start, ${ms(data.openedMs)} opened the database (the client's start) and ${ms(data.openToMyWorkMs - data.openedMs)} answered My work's first page.`,
  );
  console.log(
    '(Both sides read the lean case summaries; Dexie has no live queries, the data layer answers through its observables.)',
  );
} finally {
  dexieSide.server.close();
  dataSide.server.close();
  if (!keptProfile) await rm(profile, { recursive: true, force: true });
}
