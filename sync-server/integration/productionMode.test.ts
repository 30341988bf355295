// Production mode: no demo people; the first administrator comes from `create-admin` (or the
// environment), and the server refuses to start without one. Data a demo left behind (its people
// and their signed-in devices) is of no use there: those devices are refused, those people unlisted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../accounts/demo';
import { createAccount } from '../accounts/users';
import { databasesUnderTest } from '../testing/databases';
import { signInAt } from '../testing/processes';
import { callerAt, freePort, type SignedIn, startTestServer } from '../testing/server';

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

const DEMO_USER_IDS = DEMO_PEOPLE.map((person) => person.username);

/** `npm start` on `env` until it answers; its address, and how to stop it. */
async function startServer(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: { ...process.env, DATABASE_URL: undefined, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`The server stopped: ${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The server did not start: ${output}`);
}

/** What a demo device that was signed in before the restart is told, call by call. */
async function expectRefused(url: string, demoDevice: SignedIn) {
  const { call } = callerAt(url);
  // The live updates stream too.
  for (const pathname of [
    '/api/me',
    '/api/users',
    '/api/replication/cases/pull?checkpoint=',
    '/api/replication/events/stream',
  ]) {
    const response = await call(demoDevice, pathname);
    expect(response.status, pathname).toBe(401);
    const body = await response.json();
    // The code a device wipes itself on, then shows the sign-in page with the message.
    expect(body.error).toBe('device_revoked');
    expect(body.message).toMatch(/Demo accounts cannot be used on this server/);
  }
}

async function signInWith(url: string, username: string, password: string): Promise<SignedIn> {
  const response = await callerAt(url).call(null, '/api/auth/login', {
    method: 'POST',
    json: { username, password },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token: string; deviceId: string; user: { userId: string } };
  return { token: body.token, deviceId: body.deviceId, userId: body.user.userId };
}

async function listedUserIds(url: string, who: SignedIn): Promise<string[]> {
  const response = await callerAt(url).call(who, '/api/users');
  expect(response.status).toBe(200);
  return ((await response.json()) as { userId: string }[]).map((person) => person.userId);
}

describe('a demo tried first, then the same data started in production mode on PGlite', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'clearway-demo-then-prod-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses the devices demo people signed in on, and lists no demo people', async () => {
    const demo = await startServer({ CLEARWAY_MODE: 'demo', CLEARWAY_DATA_DIR: dataDir });
    let demoDevice: SignedIn;
    try {
      demoDevice = await signInAt(demo.url, 'caseworker');
      expect((await callerAt(demo.url).call(demoDevice, '/api/me')).status).toBe(200);
    } finally {
      await demo.stop();
    }
    const env = {
      CLEARWAY_MODE: 'production',
      CLEARWAY_PUBLIC_URL: 'https://clearway.dept.example',
      CLEARWAY_TRUST_PROXY: 'none',
      CLEARWAY_DATA_DIR: dataDir,
    };
    const made = run(
      ['create-admin', '--username', 'boss', '--name', 'Pat Boss'],
      env,
      'a long enough passphrase\n',
    );
    expect(made.stdout).toMatch(/Administrator boss created/);
    const production = await startServer(env);
    try {
      await expectRefused(production.url, demoDevice);
      const boss = await signInWith(production.url, 'boss', 'a long enough passphrase');
      const listed = await listedUserIds(production.url, boss);
      expect(listed).toEqual([boss.userId]);
    } finally {
      await production.stop();
    }
  }, 120_000);
});

describe.each(databasesUnderTest())('demo devices on a production server on $name', (engine) => {
  it('are refused everywhere, and demo people are left out of the directory, while demo mode keeps both', async () => {
    const db = await engine.open();
    try {
      const demo = await startTestServer(engine, { db });
      const demoDevice = await demo.signIn('manager');
      expect((await listedUserIds(demo.url, demoDevice)).sort()).toEqual([...DEMO_USER_IDS].sort());
      await demo.close();

      // Someone of the organisation's own, as an administrator would add them.
      await createAccount(db, {
        username: 'dana',
        displayName: 'Dana Cole',
        password: 'a long enough passphrase',
        roles: ['case_worker'],
        teamIds: ['information-rights'],
      });
      const production = await startTestServer(engine, {
        db,
        env: { CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' },
      });
      try {
        await expectRefused(production.url, demoDevice);
        // However long the demo device lay unused: told to wipe, not only to sign in again.
        await db.query(
          `update device_sessions set last_seen_at = now() - interval '400 days' where device_id = $1`,
          [demoDevice.deviceId],
        );
        await expectRefused(production.url, demoDevice);
        const dana = await signInWith(production.url, 'dana', 'a long enough passphrase');
        expect(await listedUserIds(production.url, dana)).toEqual([dana.userId]);
      } finally {
        await production.close();
      }
    } finally {
      await db.close();
    }
  }, 60_000);
});
