// The command-line contract, exercised as other tools call it: `npm run --silent redact -- …`
// in a real child process, judged by the exit code, the exact output and poppler's pdftotext.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSchema } from '../schedule';
import { CORPUS_DIR as CORPUS } from '../testing/corpusCases';
import { pdftotext, runTool } from '../testing/oracles';

const REPO = join(import.meta.dirname, '../../..');
let dir: string;
let letter: string;

async function cli(...args: string[]) {
  return runTool('npm', ['run', '--silent', '--prefix', REPO, 'redact', '--', ...args], 120_000);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearway-cli-'));
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Dear Mr John Smith, thank you for your request.', { x: 72, y: 700, size: 12, font });
  page.drawText('Email john.smith@example.com or write to us.', { x: 72, y: 680, size: 12, font });
  page.drawText('Second line of ordinary words here.', { x: 72, y: 660, size: 12, font });
  letter = join(dir, 'letter.pdf');
  await writeFile(letter, await doc.save());
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const textOf = async (path: string) => (await pdftotext(new Uint8Array(await readFile(path)))).text;

/** A refusal: exit 2, one sentence on stderr, nothing on stdout, no output file. */
function expectRefusal(result: Awaited<ReturnType<typeof cli>>, out: string, mentions: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\S.*\.$/);
  expect(lines[0]).toMatch(mentions);
  expect(existsSync(out)).toBe(false);
}

// Each case starts npm and tsx in child processes: seconds each, many more on a loaded machine.
describe('npm run redact', { timeout: 180_000 }, () => {
  it('redacts searches and patterns, prints nothing, and writes OUT and the schedule', async () => {
    const out = join(dir, 'searched.pdf');
    const schedulePath = join(dir, 'schedule.json');
    const result = await cli(
      letter,
      out,
      '--search',
      'JOHN SMITH',
      '--pattern',
      'email',
      '--label',
      's40(2)',
      '--schedule',
      schedulePath,
    );
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = await textOf(out);
    expect(text).not.toMatch(/john\s*smith/i);
    expect(text).not.toContain('example.com');
    expect(text).toContain('thank you for your request');
    expect(text).toContain('Second line of ordinary words here.');
    expect(text).toContain('s40(2)');
    const schedule = scheduleSchema.parse(JSON.parse(await readFile(schedulePath, 'utf8')));
    expect(schedule.entries.map((e) => [e.source, e.label, e.page])).toEqual([
      ['search', 's40(2)', 1],
      ['email', 's40(2)', 1],
    ]);
    // The schedule travels with the release: it must not repeat what was withheld.
    expect(await readFile(schedulePath, 'utf8')).not.toMatch(/smith|example\.com/i);
  });

  it('redacts the regions of a REGIONS.json, each with its own label', async () => {
    const out = join(dir, 'regions.pdf');
    const regions = join(dir, 'regions.json');
    // The whole of the third line: 792 − 660 = 132 is its baseline from the top.
    await writeFile(
      regions,
      JSON.stringify([{ page: 1, x: 60, y: 118, width: 400, height: 18, label: 's43' }]),
    );
    const result = await cli(letter, out, '--regions', regions);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = await textOf(out);
    expect(text).not.toContain('ordinary');
    expect(text).toContain('s43');
    expect(text).toContain('thank you for your request');
  });

  it('names the bad field of a REGIONS.json and writes nothing', async () => {
    const out = join(dir, 'bad.pdf');
    const regions = join(dir, 'bad-regions.json');
    await writeFile(
      regions,
      JSON.stringify([
        { page: 1, x: 1, y: 1, width: 10, height: 10 },
        { page: 1, x: 1, y: 1, height: 10 },
      ]),
    );
    expectRefusal(await cli(letter, out, '--regions', regions), out, /region 2 has no "width"/);
    await writeFile(regions, JSON.stringify([{ page: 1, x: 1, y: 1, width: -4, height: 10 }]));
    expectRefusal(
      await cli(letter, out, '--regions', regions),
      out,
      /region 1: "width" must be a number greater than 0/,
    );
    await writeFile(regions, JSON.stringify([{ page: 3, x: 1, y: 1, width: 4, height: 10 }]));
    expectRefusal(await cli(letter, out, '--regions', regions), out, /page 3, but the PDF has 1 page/);
    await writeFile(regions, '{ not json');
    expectRefusal(await cli(letter, out, '--regions', regions), out, /not valid JSON/);
  });

  it('refuses an encrypted file without its password, and with a wrong one', async () => {
    const out = join(dir, 'locked.pdf');
    expectRefusal(await cli(`${CORPUS}/issue6010_1.pdf`, out, '--search', 'a'), out, /password/);
    expectRefusal(
      await cli(`${CORPUS}/issue6010_1.pdf`, out, '--search', 'a', '--password', 'wrong'),
      out,
      /password .*wrong/,
    );
  });

  it('refuses a file that is not a PDF, a missing file and a page tree that loops', async () => {
    const out = join(dir, 'never.pdf');
    const notPdf = join(dir, 'letter.txt');
    await writeFile(notPdf, 'Dear Sir, this is not a PDF.');
    expectRefusal(await cli(notPdf, out, '--search', 'Sir'), out, /could not be read as a PDF/);
    expectRefusal(await cli(join(dir, 'missing.pdf'), out, '--search', 'x'), out, /There is no file/);
    expectRefusal(await cli(`${CORPUS}/Pages-tree-refs.pdf`, out, '--search', 'x'), out, /./);
  });

  it('refuses unclear instructions in plain words', async () => {
    const out = join(dir, 'unclear.pdf');
    expectRefusal(
      await cli(letter, out, '--pattern', 'passport'),
      out,
      /no pattern "passport"; use email, phone, nino, postcode or dob/,
    );
    expectRefusal(await cli(letter, out), out, /Say what to redact/);
    expectRefusal(await cli(letter, '--search', 'x'), out, /input PDF and the output PDF/);
    expectRefusal(await cli(letter, out, '--colour', 'red', '--search', 'x'), out, /--colour/);
    expectRefusal(await cli(letter, letter, '--search', 'John'), out, /different file/);
  });
});
