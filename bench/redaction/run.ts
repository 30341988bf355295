// `npm run bench:redaction`: pages per second of our redaction engine beside MuPDF's own
// (`mutool run` with Redact annotations and applyRedactions), on the same regions in the same
// run: tracemonkey.pdf (every occurrence of a handful of common words) and each corpus file
// (every occurrence of its first long word). For each output it also says whether the removed
// words can still be read (pdftotext, mutool, raw scan): speed only counts without leaks.
// Each engine runs each job BENCH_RUNS times (default 3), taking turns, and its fastest run
// counts: on a shared machine a run is slowed by whatever else happens to run beside it, and
// the fastest is the one least disturbed, for both engines alike.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findText } from '../../src/pdf/find';
import { extractTextItems } from '../../src/pdf/pdfjs';
import { redact } from '../../src/pdf/redaction';
import { CORPUS_PASSWORDS, corpusFiles, planCase, readCorpus } from '../../src/pdf/testing/corpusCases';
import { mutoolText, pdftotext, runTool, squash } from '../../src/pdf/testing/oracles';
import { findSecret } from '../../src/pdf/testing/rawScan';

type Region = { page: number; x: number; y: number; width: number; height: number; label?: string };
type Job = { name: string; pdf: Uint8Array; password?: string; regions: Region[]; removed: string[] };
type Outcome = { ms: number; pdf?: Uint8Array; refused?: string };
type Row = {
  job: Job;
  pages: number;
  ours: Outcome;
  mupdf: Outcome;
  oursLeaks: string[];
  mupdfLeaks: string[];
};

const TRACEMONKEY_WORDS = ['the', 'trace', 'loop', 'type', 'code'];
const MUPDF_SCRIPT = join(import.meta.dirname, 'mupdfRedact.js');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);

/** The fastest of several outcomes (a refusal or failure counts as soon as it happens). */
const fastest = (outcomes: Outcome[]): Outcome =>
  outcomes.find((o) => o.refused) ?? outcomes.reduce((best, o) => (o.ms < best.ms ? o : best));

async function leaksOf(pdf: Uint8Array | undefined, words: string[]): Promise<string[]> {
  if (!pdf) return [];
  const [poppler, mupdf] = await Promise.all([pdftotext(pdf), mutoolText(pdf)]);
  return words.filter(
    (w) =>
      squash(poppler.text).includes(w) ||
      squash(mupdf.text).includes(w) ||
      (w.length >= 8 && findSecret(pdf, w, { ignoreNames: true }).length > 0),
  );
}

async function ours(job: Job): Promise<Outcome> {
  const started = performance.now();
  const result = await redact(
    job.pdf,
    job.regions,
    job.password === undefined ? {} : { password: job.password },
  );
  const ms = performance.now() - started;
  return result.ok ? { ms, pdf: result.pdf } : { ms, refused: result.reason };
}

async function mupdf(job: Job, dir: string): Promise<Outcome> {
  const input = join(dir, 'in.pdf');
  const output = join(dir, 'out.pdf');
  const regions = join(dir, 'regions.json');
  await writeFile(input, job.pdf);
  await writeFile(regions, JSON.stringify(job.regions));
  await rm(output, { force: true });
  const run = await runTool('mutool', ['run', MUPDF_SCRIPT, input, output, regions, job.password ?? '']);
  const ms = Number(run.stdout.trim().split('\n').at(-1));
  if (run.code !== 0 || !Number.isFinite(ms))
    return { ms: Number.NaN, refused: run.stderr.trim().split('\n')[0] ?? 'failed' };
  return { ms, pdf: new Uint8Array(await readFile(output)) };
}

async function jobs(): Promise<Job[]> {
  const list: Job[] = [];
  const tracemonkey = readCorpus('tracemonkey.pdf');
  const found = await findText(tracemonkey, TRACEMONKEY_WORDS);
  list.push({
    name: 'tracemonkey.pdf (5 common words)',
    pdf: tracemonkey,
    regions: found.map(({ page, x, y, width, height }) => ({ page, x, y, width, height })),
    removed: ['trace', 'loop', 'type', 'code'],
  });
  for (const file of corpusFiles()) {
    const pdf = readCorpus(file);
    const plan = await planCase(file, pdf, 'word').catch(() => undefined);
    if (!plan) continue;
    const password = CORPUS_PASSWORDS[file];
    list.push({
      name: file,
      pdf,
      regions: plan.regions,
      removed: plan.removed,
      ...(password === undefined ? {} : { password }),
    });
  }
  return list;
}

const pagesPerSecond = (pages: number, ms: number) => (ms > 0 ? (pages * 1000) / ms : Number.NaN);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function describe(outcome: Outcome, leaks: string[]): string {
  if (outcome.refused) return `refused`;
  return leaks.length ? `LEAKS ${leaks.join(',')}` : 'clean';
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'clearway-bench-'));
  const rows: Row[] = [];
  try {
    for (const job of await jobs()) {
      const pages = (
        await extractTextItems(job.pdf, job.password === undefined ? {} : { password: job.password })
      ).length;
      const oursRuns: Outcome[] = [];
      const mupdfRuns: Outcome[] = [];
      for (let i = 0; i < RUNS; i++) {
        oursRuns.push(await ours(job));
        mupdfRuns.push(await mupdf(job, dir));
      }
      const oursOutcome = fastest(oursRuns);
      const mupdfOutcome = fastest(mupdfRuns);
      rows.push({
        job,
        pages,
        ours: oursOutcome,
        mupdf: mupdfOutcome,
        oursLeaks: await leaksOf(oursOutcome.pdf, job.removed),
        mupdfLeaks: await leaksOf(mupdfOutcome.pdf, job.removed),
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  console.log(
    `Redaction: our engine beside MuPDF (mutool run, applyRedactions), same regions, same run, fastest of ${RUNS}`,
  );
  console.log(['file', 'pages', 'regions', 'ours ms', 'MuPDF ms', 'ours/MuPDF', 'ours', 'MuPDF'].join('\t'));
  for (const r of rows) {
    console.log(
      [
        r.job.name,
        r.pages,
        r.job.regions.length,
        fmt(r.ours.ms, 0),
        fmt(r.mupdf.ms, 0),
        fmt(r.ours.ms / r.mupdf.ms, 2),
        describe(r.ours, r.oursLeaks),
        describe(r.mupdf, r.mupdfLeaks),
      ].join('\t'),
    );
  }
  const both = rows.filter((r) => !r.ours.refused && !r.mupdf.refused);
  const total = (pick: (r: Row) => number) => both.reduce((sum, r) => sum + pick(r), 0);
  const trace = rows[0];
  if (trace && !trace.ours.refused && !trace.mupdf.refused) {
    console.log(
      `\ntracemonkey.pdf: ours ${fmt(pagesPerSecond(trace.pages, trace.ours.ms))} pages/s, ` +
        `MuPDF ${fmt(pagesPerSecond(trace.pages, trace.mupdf.ms))} pages/s, ratio ${fmt(trace.ours.ms / trace.mupdf.ms, 2)}x (aim: within 2x)`,
    );
  } else {
    console.log(
      `\ntracemonkey.pdf: ${trace?.ours.refused ? `our engine refused: ${trace.ours.refused}` : 'MuPDF failed'}`,
    );
  }
  console.log(
    `corpus (${both.length} files both engines redacted, ${total((r) => r.pages)} pages): ` +
      `ours ${fmt(
        pagesPerSecond(
          total((r) => r.pages),
          total((r) => r.ours.ms),
        ),
      )} pages/s, ` +
      `MuPDF ${fmt(
        pagesPerSecond(
          total((r) => r.pages),
          total((r) => r.mupdf.ms),
        ),
      )} pages/s, ` +
      `ratio ${fmt(total((r) => r.ours.ms) / total((r) => r.mupdf.ms), 2)}x`,
  );
  const count = (pick: (r: Row) => boolean) => rows.filter(pick).length;
  console.log(
    `leaks: ours ${count((r) => r.oursLeaks.length > 0)} of ${count((r) => !r.ours.refused)} outputs, ` +
      `MuPDF ${count((r) => r.mupdfLeaks.length > 0)} of ${count((r) => !r.mupdf.refused)}; ` +
      `refused: ours ${count((r) => Boolean(r.ours.refused))}, MuPDF ${count((r) => Boolean(r.mupdf.refused))}`,
  );
}

await main();
