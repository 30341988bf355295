// `npm start`: builds the app when it is missing or older than its sources, then starts the
// server (API + app on one origin) on the embedded default with demo data.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const built = 'dist/index.html';
const isStale =
  !existsSync(built) ||
  statSync(built).mtimeMs <
    Math.max(newestMtime('src'), newestMtime('public'), statSync('index.html').mtimeMs);
if (isStale) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync('npx', ['tsx', 'sync-server/main.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 1);
