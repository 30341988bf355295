// `npm test`: the whole suite. Makes sure what the tests need is on the machine (Debian's
// Chromium and the PDF oracles; a reachable PostgreSQL), builds the app the end-to-end tests
// drive, then runs every Vitest project. Installs with apt-get when run as root; otherwise
// stops and prints the exact command to run.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
  { bin: '/usr/bin/qpdf', pkg: 'qpdf' },
  { bin: '/usr/bin/mutool', pkg: 'mupdf-tools' },
];

function run(cmd) {
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const missing = NEEDED.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need Debian packages that are not installed. Run:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} for the tests…`);
  run(command);
}

function canReachPostgres(url) {
  const probe = spawnSync('psql', [url, '-tAc', 'select 1'], { encoding: 'utf8' });
  return probe.status === 0;
}

// A set TEST_DATABASE_URL is honoured as given: if it is unreachable the PostgreSQL tests
// fail rather than skip. When unset, use the local server if there is one.
if (!process.env.TEST_DATABASE_URL) {
  const local = 'postgresql://postgres@127.0.0.1:5432/test';
  if (canReachPostgres(local)) {
    process.env.TEST_DATABASE_URL = local;
  } else {
    console.warn(
      'No PostgreSQL at 127.0.0.1:5432: the server suite runs on PGlite only. ' +
        'Set TEST_DATABASE_URL (as .ci/run does) to run it on PostgreSQL too.',
    );
  }
}

run('npx vite build --logLevel warn');
const args = process.argv.slice(2);
const vitest = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: process.env });
process.exit(vitest.status ?? 1);
