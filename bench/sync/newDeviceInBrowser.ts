// The browser half of bench/sync/newDevice.ts, bundled and run in Chromium on the server's own
// origin. Baseline first, so it is not handicapped by an IndexedDB the device has filled:
// the organisation's events (fetched untimed) written as rows with Dexie, then deleted; then a
// new device signs in and we time until My work can be shown, then until every case is stored.
import Dexie from 'dexie';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { createClearwayClient } from '../../src/data';

const DEXIE_BATCH = 10_000;
const FETCH_BATCH = 1_000;

type Page = {
  documents: { id: string; timeline: Record<string, unknown>[] }[];
  checkpoint: unknown;
};

async function organisationEvents(): Promise<Record<string, unknown>[]> {
  const login = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'caseworker', password: 'demo', deviceName: 'bench baseline' }),
  });
  const { token } = (await login.json()) as { token: string };
  const rows: Record<string, unknown>[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({
      checkpoint: checkpoint ? JSON.stringify(checkpoint) : '',
      batchSize: String(FETCH_BATCH),
    });
    const response = await fetch(`/api/replication/cases/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as Page;
    if (page.documents.length === 0) return rows;
    for (const doc of page.documents) {
      for (const entry of doc.timeline) rows.push({ ...entry, id: entry.eventId, stream: doc.id });
    }
    checkpoint = page.checkpoint;
  }
}

/** The baseline, in a function of its own so its 500,000 rows are garbage before the device starts. */
async function rawBaseline(): Promise<{ rawMs: number; rawCount: number }> {
  const events = await organisationEvents();
  const raw = new Dexie('bench-raw-events');
  raw.version(1).stores({ events: 'id, stream, seq' });
  const rawStarted = performance.now();
  for (let start = 0; start < events.length; start += DEXIE_BATCH) {
    await raw.table('events').bulkAdd(events.slice(start, start + DEXIE_BATCH));
  }
  const rawMs = performance.now() - rawStarted;
  const rawCount = await raw.table('events').count();
  raw.close();
  await Dexie.delete('bench-raw-events');
  return { rawMs, rawCount };
}

async function run() {
  const { rawMs, rawCount } = await rawBaseline();

  const client = createClearwayClient({
    baseUrl: '',
    isMultiInstance: true,
    isValidated: false,
    isPrefetching: false,
  });
  const started = performance.now();
  await client.signIn('caseworker', 'demo');
  const signedInMs = performance.now() - started;
  const cases = client.sync!.pulls.cases;
  // What the My work page waits for before it may say anything (see MyWorkPage.tsx).
  await firstValueFrom(cases.hasPriority$.pipe(filter(Boolean)));
  const myWork = await firstValueFrom(client.myWork$().pipe(filter((items) => items.length > 0)));
  const deviceMs = performance.now() - started;
  await cases.awaitInitialPull();
  const pulledMs = performance.now() - started;
  const myWorkOnceAllStored = (await firstValueFrom(client.myWork$())).length;
  const stored = await client.database!.cases.count().exec();
  await client.close();
  return {
    rawMs,
    rawCount,
    deviceMs,
    signedInMs,
    pulledMs,
    stored,
    myWork: myWork.length,
    myWorkOnceAllStored,
  };
}

(globalThis as { runNewDeviceBench?: typeof run }).runNewDeviceBench = run;
