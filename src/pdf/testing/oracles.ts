// Independent judges of a PDF, for tests and benchmarks: Debian's poppler (pdftotext), MuPDF
// (mutool draw -F txt) and qpdf (--check). None shares code with pdf-lib or pdf.js, so a leak
// or a broken file that our own parser misses is still caught. Install with
// `apt-get install -y poppler-utils qpdf mupdf-tools` (.ci/run does).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ToolResult = { code: number | null; stdout: string; stderr: string; timedOut: boolean };

// Generous: the slowest corpus file takes well under a second; a hang is what this catches.
const TOOL_TIMEOUT_MS = 60_000;

export function runTool(
  command: string,
  args: readonly string[],
  timeoutMs = TOOL_TIMEOUT_MS,
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}

/** Runs `use` with the bytes written to a temporary file, removed afterwards. */
export async function withTempPdf<T>(pdf: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'clearway-oracle-'));
  try {
    const path = join(dir, 'input.pdf');
    await writeFile(path, pdf);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type OracleText = { oracle: 'pdftotext' | 'mutool'; ok: boolean; text: string; detail: string };

/** poppler's text (it includes invisible `3 Tr` text and honours /ActualText). */
export function pdftotext(pdf: Uint8Array, password?: string): Promise<OracleText> {
  return withTempPdf(pdf, async (path) => {
    const pw = password === undefined ? [] : ['-upw', password];
    const r = await runTool('pdftotext', [...pw, '-enc', 'UTF-8', path, '-']);
    return { oracle: 'pdftotext', ok: r.code === 0, text: r.stdout, detail: r.stderr.trim() };
  });
}

/** MuPDF's text, as its renderer lays it out. */
export function mutoolText(pdf: Uint8Array, password?: string): Promise<OracleText> {
  return withTempPdf(pdf, async (path) => {
    const pw = password === undefined ? [] : ['-p', password];
    const r = await runTool('mutool', ['draw', '-q', ...pw, '-F', 'txt', '-o', '-', path]);
    return { oracle: 'mutool', ok: r.code === 0, text: r.stdout, detail: r.stderr.trim() };
  });
}

export type QpdfCheck = { ok: boolean; warnings: boolean; detail: string };

/** qpdf's structural check: exit 0 clean, 3 warnings only, 2 errors. */
export function qpdfCheck(pdf: Uint8Array): Promise<QpdfCheck> {
  return withTempPdf(pdf, async (path) => {
    const r = await runTool('qpdf', ['--check', path]);
    return {
      ok: r.code === 0 || r.code === 3,
      warnings: r.code === 3,
      detail: `${r.stdout}${r.stderr}`.trim(),
    };
  });
}

/** Text with all white space removed and lower-cased: how secrets are looked for in oracle text. */
export const squash = (text: string): string => text.replace(/\s+/gu, '').toLowerCase();

/** The words of a text (white-space separated), counted. */
export function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text.split(/\s+/u)) {
    if (word !== '') bag.set(word, (bag.get(word) ?? 0) + 1);
  }
  return bag;
}

export type PlacedWord = { page: number; word: string; x: number; y: number; width: number; height: number };

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/** poppler's words with their boxes: points from the top left of each page as displayed (crop box). */
export function pdftotextWords(pdf: Uint8Array, password?: string): Promise<PlacedWord[]> {
  return withTempPdf(pdf, async (path) => {
    const pw = password === undefined ? [] : ['-upw', password];
    const r = await runTool('pdftotext', [...pw, '-cropbox', '-bbox', '-enc', 'UTF-8', path, '-']);
    const words: PlacedWord[] = [];
    let page = 0;
    for (const line of r.stdout.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(
        line,
      );
      if (!m) continue;
      const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      const word = (m[5] ?? '').replace(/&[a-z]+;/g, (e) => ENTITIES[e] ?? e);
      words.push({ page, word, x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    }
    return words;
  });
}

export type PlacedChar = { page: number; c: string; x: number; y: number };

/** MuPDF's characters with their origins (baseline start), points from the top left of the page. */
export function mutoolChars(pdf: Uint8Array): Promise<PlacedChar[]> {
  return withTempPdf(pdf, async (path) => {
    const r = await runTool('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', path]);
    const chars: PlacedChar[] = [];
    let page = 0;
    for (const line of r.stdout.split('\n')) {
      if (line.startsWith('<page ')) page++;
      const m = /<char [^>]*\bx="([\d.-]+)" y="([\d.-]+)"[^>]*\bc="([^"]*)"/.exec(line);
      if (m) {
        const c = (m[3] ?? '').replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, (e) => ENTITIES[e] ?? e);
        chars.push({ page, c, x: Number(m[1]), y: Number(m[2]) });
      }
    }
    return chars;
  });
}
