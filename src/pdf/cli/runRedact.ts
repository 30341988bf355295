// What `npm run redact` does, as a function the entry point calls and tests can reason about:
// read IN, gather the regions (searches, patterns, REGIONS.json), run the engine, and write OUT
// (and the schedule) only when the engine returns a verified file. Every way this can fail is
// a refusal in one plain sentence, and OUT is then not written: files are written under a
// temporary name and renamed into place only when complete.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { matchPages, readSearchablePages, searchPages } from '../find';
import { PdfOpenError, withPdf } from '../pdfjs';
import { type Redaction, redact } from '../redaction';
import { buildSchedule, type ScheduledRedaction } from '../schedule';
import { type CliRequest, parseArguments } from './arguments';
import { parseRegionsFile } from './regionsFile';

export type CliOutcome = { code: 0 } | { code: 2; reason: string };

export type CliContext = {
  now: () => Date;
  /** Who is recorded in the schedule. */
  who: string;
  /** The whole run is stopped after this long. */
  timeoutMs: number;
};

class CliRefusal extends Error {}

const refuse = (reason: string): never => {
  throw new CliRefusal(reason);
};

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === 'ENOENT'
        ? `There is no file ${path} to read the ${what} from.`
        : `The ${what} file ${path} could not be read (${code ?? 'unknown error'}).`,
    );
  }
}

async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    refuse(`The file ${path} could not be written (${code ?? 'unknown error'}).`);
  }
}

/** The regions to redact, each with where it came from (for the schedule). */
async function gatherRegions(request: CliRequest, pdf: Uint8Array): Promise<ScheduledRedaction[]> {
  const regions: ScheduledRedaction[] = [];
  let pageCount: number;
  if (request.searches.length > 0 || request.patterns.length > 0) {
    const pages = await readSearchablePages(pdf, { password: request.password });
    pageCount = pages.length;
    for (const found of searchPages(pages, request.searches))
      regions.push({ ...boxOf(found), source: 'search' });
    for (const found of matchPages(pages, request.patterns))
      regions.push({ ...boxOf(found), source: found.pattern });
  } else {
    pageCount = await withPdf(pdf, { password: request.password }, async (doc) => doc.numPages);
  }
  if (request.regionsFile !== undefined) {
    const text = Buffer.from(await readInput(request.regionsFile, 'regions')).toString('utf8');
    const parsed = parseRegionsFile(text, basename(request.regionsFile));
    if (!parsed.ok) return refuse(parsed.reason);
    parsed.regions.forEach((region, i) => {
      if (region.page > pageCount) {
        const pages = pageCount === 1 ? '1 page' : `${pageCount} pages`;
        refuse(
          `${basename(request.regionsFile!)}, region ${i + 1} is on page ${region.page}, but the PDF has ${pages}.`,
        );
      }
      regions.push({ ...region, source: 'region' });
    });
  }
  return regions;
}

// Found text carries what it matched; the engine and the schedule get only the box.
function boxOf(found: { page: number; x: number; y: number; width: number; height: number }) {
  return { page: found.page, x: found.x, y: found.y, width: found.width, height: found.height };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliRefusal(`The redaction took longer than ${Math.round(ms / 1000)} seconds and was stopped.`),
        ),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function run(request: CliRequest, context: CliContext, signal: AbortSignal): Promise<void> {
  if (resolve(request.input) === resolve(request.output)) {
    refuse('OUT.pdf must be a different file from IN.pdf, so that the original is kept.');
  }
  const pdf = await readInput(request.input, 'PDF');
  const scheduled = await gatherRegions(request, pdf);
  const redactions: Redaction[] = scheduled.map(({ source: _source, ...region }) => region);
  const result = await redact(pdf, redactions, { password: request.password, label: request.label, signal });
  if (!result.ok) return refuse(result.reason);
  await writeAtomically(request.output, result.pdf);
  if (request.scheduleFile !== undefined) {
    const schedule = buildSchedule({
      document: basename(request.output),
      pages: result.report.pages.length,
      redactions: scheduled,
      defaultLabel: request.label,
      who: context.who,
      when: context.now().toISOString(),
    });
    await writeAtomically(request.scheduleFile, `${JSON.stringify(schedule, null, 2)}\n`);
  }
}

export async function runRedactCli(argv: readonly string[], context: CliContext): Promise<CliOutcome> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) return { code: 2, reason: parsed.reason };
  const controller = new AbortController();
  try {
    await withDeadline(run(parsed.request, context, controller.signal), context.timeoutMs);
    return { code: 0 };
  } catch (error) {
    controller.abort();
    if (error instanceof CliRefusal || error instanceof PdfOpenError)
      return { code: 2, reason: error.message };
    const detail = error instanceof Error && error.message ? ` (${error.message.replace(/\.$/, '')})` : '';
    return { code: 2, reason: `The redaction failed unexpectedly, so no file was written${detail}.` };
  }
}
