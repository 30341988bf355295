// What every end-to-end test needs: the real server as a child process on a free port with a
// fresh data folder (PGlite, demo mode) serving the built app, Debian's Chromium through
// playwright-core (never a downloaded browser), signing in, axe, and a suite that sets all of
// that up and takes it down (useE2eSuite).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { databasesUnderTest } from '../../sync-server/testing/databases';
import { openOidcProvider, type TestOidcProvider } from '../../sync-server/testing/oidcProvider';
import { startTestServer, type TestServer } from '../../sync-server/testing/server';
import { launchChromium } from '../chromium';

export { launchChromium };

export const ROOT = path.resolve(import.meta.dirname, '../..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const HEALTH_POLL_MS = 500;
const HEALTH_TRIES = 240;
export const TABLET = { width: 1024, height: 1366 } as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < HEALTH_TRIES; i++) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  throw new Error('The server did not become healthy.');
}

export type RunningServer = { base: string; stop: () => Promise<void> };

/** Starts `sync-server/main.ts` serving the built app, in demo mode, on a fresh data folder. */
export async function startServer(prefix: string): Promise<RunningServer> {
  const staticDir = path.resolve(ROOT, process.env.CLEARWAY_STATIC_DIR ?? 'dist');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`Build the app first (npm test does): npx vite build (no ${staticDir}/index.html)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `clearway-e2e-${prefix}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLEARWAY_DATA_DIR: dataDir,
      CLEARWAY_MODE: 'demo',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so stopping it stops anything it started too.
    detached: true,
  });
  await waitForHealth(base);
  return {
    base,
    stop: async () => {
      // The data folder goes once the server has let go of it (its database closes on SIGTERM);
      // removed under a running server, PGlite fails loudly on its way out.
      const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new browser context (one person's device) signed in, as a demo account unless a password is given. */
export async function signIn(
  browser: Browser,
  base: string,
  username: string,
  password = 'demo',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My work' }).waitFor();
  return { context, page };
}

export type AxeProblem = { id: string; impact: string | null; help: string; nodes: number };

/** axe on the page as it is, WCAG 2.x A/AA rules: serious and critical violations only. */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
}

/** How long a step may take to reach the server and come back to another device. */
export const SYNC_TIMEOUT_MS = 30_000;

export type E2eSuite = {
  /** The server's address (set once the suite has started). */
  readonly base: string;
  readonly browser: Browser;
  /** One person's device, signed in; closed when the suite ends. */
  signedIn(username: string, password?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Runs axe now and keeps what it finds under `name`, for one assertion at the end. */
  checkAxe(page: Page, name: string): Promise<void>;
  /** The pages axe found serious or critical problems on (empty when all is well). */
  axeFailures(): { page: string; problems: AxeProblem[] }[];
};

/**
 * A describe block's server, browser and people: starts them before its tests and stops them
 * after, so each suite says only what it does.
 */
export function useE2eSuite(prefix: string): E2eSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const findings: { page: string; problems: AxeProblem[] }[] = [];
  beforeAll(async () => {
    server = await startServer(prefix);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The suite's ${what} has not started.`);
    return value;
  };
  return {
    get base() {
      return started(server, 'server').base;
    },
    get browser() {
      return started(browser, 'browser');
    },
    async signedIn(username, password) {
      const person = await signIn(
        started(browser, 'browser'),
        started(server, 'server').base,
        username,
        password,
      );
      contexts.push(person.context);
      return person;
    },
    async checkAxe(page, name) {
      findings.push({ page: name, problems: await axeProblems(page) });
    },
    axeFailures: () => findings.filter((f) => f.problems.length > 0),
  };
}

export type OidcE2eSuite = { provider: TestOidcProvider; server: TestServer; browser: Browser };

/**
 * A suite against a server with organisation sign-in set up (a real in-process OpenID
 * provider, the built app, PGlite) and Chromium; `people` are who the provider can sign in.
 * The fields are there once the suite's beforeAll has run.
 */
export function useOidcE2eSuite(
  env: Record<string, string> = {},
  people: { sub: string; preferred_username: string }[] = [],
): OidcE2eSuite {
  const suite = {} as OidcE2eSuite;
  beforeAll(async () => {
    const [pglite] = databasesUnderTest();
    if (!pglite) throw new Error('PGlite is always under test');
    suite.provider = await openOidcProvider();
    suite.server = await startTestServer(pglite, {
      env: {
        CLEARWAY_STATIC_DIR: path.resolve(ROOT, process.env.CLEARWAY_STATIC_DIR ?? 'dist'),
        OIDC_ISSUER: suite.provider.issuer,
        OIDC_CLIENT_ID: suite.provider.clientId,
        OIDC_CLIENT_SECRET: suite.provider.clientSecret,
        ...env,
      },
    });
    suite.provider.serve([`${suite.server.url}/api/auth/oidc/callback`], people);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await suite.provider?.close();
  });
  return suite;
}

/** One step of a case page's timeline as a person reads it: what was done, by whom, and whether it was sent. */
export type TimelineStep = { step: string; by: string; isSent: boolean };

/** The case page's timeline, newest first, as it stands now. */
export function timelineOf(page: Page): Promise<TimelineStep[]> {
  return page.getByTestId('timeline-item').evaluateAll((items) =>
    items.map((item) => ({
      step: item.querySelector('.moj-timeline__title')?.textContent?.trim() ?? '',
      by: item.querySelector('.moj-timeline__byline')?.textContent?.trim() ?? '',
      isSent: item.getAttribute('data-status') === 'accepted',
    })),
  );
}

/** Adds a small text file to the case open on the page, as a person picks one; returns its timeline title. */
export async function addDocument(page: Page, name: string): Promise<string> {
  await page
    .getByLabel(/^Add documents/)
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`Notes kept in ${name}.\n`) });
  const step = `Added the document "${name}"`;
  await page
    .getByTestId('timeline-item')
    .filter({ has: page.getByRole('heading', { name: step, exact: true }) })
    .waitFor({ timeout: SYNC_TIMEOUT_MS });
  return step;
}
