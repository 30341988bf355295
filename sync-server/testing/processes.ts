// Several real server processes (node sync-server/main.ts) on one PostgreSQL schema, as they run
// behind a load balancer: what the tests of cross-process behaviour start.
import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type DatabaseUnderTest, databasesUnderTest, freshSchemaName } from './databases';
import { freePort, type SignedIn } from './server';

export type ServerProcesses = {
  /** Each process's base URL, in the order they were started. */
  urls: string[];
  /** The schema they share (to look into it from a test). */
  schema: string;
  stop(): Promise<void>;
};

async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`The server process stopped: ${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill();
  throw new Error(`The server process did not start: ${output}`);
}

/** Starts `count` demo-mode processes on a fresh schema of the PostgreSQL at `databaseUrl`. */
export async function startServerProcesses(databaseUrl: string, count: number): Promise<ServerProcesses> {
  const schema = freshSchemaName();
  const dataDir = `/tmp/clearway-${schema}`;
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    CLEARWAY_MODE: 'demo',
    CLEARWAY_DATA_DIR: dataDir,
  };
  const started: { child: ChildProcess; url: string }[] = [];
  const stop = async () => {
    await Promise.all(
      started.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // One after another: the first migrates and seeds, the others find it done.
    for (let i = 0; i < count; i += 1) started.push(await startProcess(env));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: started.map((p) => p.url), schema, stop };
}

/** One sign-in attempt at `url`, from `address` (as a load balancer would pass it on). */
export async function attemptSignIn(url: string, username: string, password: string, address?: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ username, password }),
  });
}

/** Signs a demo person in at `url`. */
export async function signInAt(url: string, username: string): Promise<SignedIn> {
  const response = await attemptSignIn(url, username, 'demo');
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status}`);
  const body = (await response.json()) as { token: string; deviceId: string; user: { userId: string } };
  return { token: body.token, deviceId: body.deviceId, userId: body.user.userId };
}

/** The engines several processes can share: PostgreSQL, when the suite has one. */
export const sharedDatabasesUnderTest = () => databasesUnderTest().filter((e) => e.name === 'postgres');

/** In a describe: `count` processes on `engine`, started before its tests, stopped after; their URLs. */
export function useServerProcesses(engine: DatabaseUnderTest, count = 2): () => string[] {
  let processes: ServerProcesses | undefined;
  beforeAll(async () => {
    processes = await startServerProcesses(engine.url ?? '', count);
  }, 120_000);
  afterAll(() => processes?.stop());
  return () => processes?.urls ?? [];
}
