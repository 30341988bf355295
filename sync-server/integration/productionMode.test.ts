// Production mode: no demo people; the first administrator comes from `create-admin` (or the
// environment), and the server refuses to start without one.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = (args: string[], env: NodeJS.ProcessEnv, input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', ...args], {
    // Always the embedded database here, whatever the developer's shell says (undefined drops the variable).
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('production mode on PGlite', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'clearway-prod-'));
    env = {
      CLEARWAY_MODE: 'production',
      CLEARWAY_PUBLIC_URL: 'https://clearway.dept.example',
      CLEARWAY_TRUST_PROXY: 'none',
      CLEARWAY_DATA_DIR: dataDir,
      PORT: '0',
    };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses to start without an administrator, saying how to make one', () => {
    const result = run([], env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/create-admin/);
  });

  it('creates the first administrator from standard input, and refuses a short password', () => {
    const short = run(['create-admin', '--username', 'boss'], env, 'short\n');
    expect(short.status).not.toBe(0);
    expect(short.stderr).toMatch(/at least 12/);
    const made = run(
      ['create-admin', '--username', 'boss', '--name', 'Pat Boss'],
      env,
      'a long enough passphrase\n',
    );
    expect(made.stdout).toMatch(/Administrator boss created/);
    const again = run(['create-admin', '--username', 'boss'], env, 'a long enough passphrase\n');
    expect(again.stderr).toMatch(/already an account/);
  });
});
