// bench:sync (device figure): a new device signs in to an organisation with 50,000 cases built
// from 500,000 accepted events, and we time until My work can be shown (the cases in My work,
// which a first sync fetches before the rest, are stored and the My work query has answered;
// the run fails unless that answer is the very one the query gives once every case is stored),
// beside the raw cost of writing those 500,000 events as rows straight into IndexedDB with
// Dexie, both in Debian's Chromium in the same run (./newDeviceInBrowser.ts, bundled with
// esbuild and run on the server's origin). Also printed: when every case was stored.
// Aim (issue 3): under half the raw cost.
//   npx tsx bench/sync/newDevice.ts   (BENCH_CASES, BENCH_EVENTS_PER_CASE, BENCH_PROFILE;
//   BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local `test` database)
//
// The server's stream documents are folded by the domain reducer from real events
// (case.logged, case.allocated, note.added…) and written to its tables directly, as the server
// would have left them: pushing 500,000 events through HTTP first is the other bench's job.
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { v7 as uuidv7 } from 'uuid';
import { PULL_BATCH_SIZE } from '../../src/data/replication';
import type { StreamState } from '../../src/domain/caseState';
import { describeEvent } from '../../src/domain/describeEvent';
import { parseEvent } from '../../src/domain/events/parseEvent';
import { reduce } from '../../src/domain/reducer';
import type { TimelineEntry } from '../../src/domain/streamDocument';
import { toStreamDocument } from '../../src/domain/streamDocuments';
import { myWorkKeys } from '../../src/domain/waitingOn';
import { DEMO_PEOPLE, seedDemoPeople } from '../../sync-server/accounts/demo';
import { type ChainedEvent, chainHash } from '../../sync-server/replication/hashChain';
import { openDatabase } from '../../sync-server/storage/database';
import { migrate } from '../../sync-server/storage/migrate';
import { freshSchemaName } from '../../sync-server/testing/databases';
import { startTestServer } from '../../sync-server/testing/server';
import { launchChromium } from '../../tests/chromium';

const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const EVENTS_PER_CASE = Number(process.env.BENCH_EVENTS_PER_CASE ?? 10);
const PROFILE = process.env.BENCH_PROFILE;
/** One case in this many is allocated to the person signing in: their My work. */
const MINE_EVERY = 25;
const INSERT_BATCH = 2_000;
const url =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/test';

type RawEvent = ChainedEvent;

const names = new Map(DEMO_PEOPLE.map((p) => [p.username, p.displayName]));
const nameOf = (userId: string) => names.get(userId) ?? userId;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One case's events, folded as the server folds them; returns its document and its event rows. */
function buildCase(n: number, seqStart: number) {
  const stream = `case:${crypto.randomUUID()}`;
  const day = String((n % 28) + 1).padStart(2, '0');
  const madeAt = `2026-02-${day}T10:00:00.000Z`;
  const owner = n % MINE_EVERY === 0 ? 'caseworker' : 'official';
  const raws: Omit<RawEvent, 'seq' | 'acceptedAt'>[] = [
    {
      id: uuidv7(),
      stream,
      type: 'case.logged',
      actor: 'caseworker',
      deviceId: 'bench',
      madeAt,
      payload: {
        caseType: 'foi',
        reference: `FOI-2026-P-${n.toString(16).padStart(6, '0')}`,
        receivedOn: `2026-02-${day}`,
        channel: 'email',
        region: 'england-and-wales',
        requester: { name: `Requester ${n}`, type: 'member_of_the_public' },
        subject: `Waste collection figures, request ${n}`,
        requestText: 'Please send the number of missed bin collections per ward in 2025.',
      },
    },
    {
      id: uuidv7(),
      stream,
      type: 'case.allocated',
      actor: 'caseworker',
      deviceId: 'bench',
      madeAt,
      payload: { allocationId: `a${n}`, to: owner, teamId: 'waste-policy', service: 'Waste policy' },
    },
  ];
  for (let i = raws.length; i < EVENTS_PER_CASE; i += 1) {
    raws.push({
      id: uuidv7(),
      stream,
      type: 'note.added',
      actor: 'caseworker',
      deviceId: 'bench',
      madeAt,
      payload: { noteId: `n${i}`, text: `Chased the policy team about the ward figures (${i}).` },
    });
  }
  let state: StreamState | null = null;
  const timeline: TimelineEntry[] = [];
  const events: RawEvent[] = [];
  raws.forEach((raw, i) => {
    const parsed = parseEvent(raw);
    if (!parsed.ok) throw new Error(`Bench event ${raw.type} is not valid: ${parsed.reason}`);
    // The server gives a logged case its permanent reference as it accepts it.
    const result = reduce(state, parsed.event, {
      now: madeAt,
      reference: `FOI-2026-${String(n).padStart(5, '0')}`,
    });
    if (!result.ok) throw new Error(`Bench event ${raw.type} was refused: ${result.reason}`);
    state = result.state;
    const seq = seqStart + i;
    events.push({ ...raw, seq, acceptedAt: madeAt });
    timeline.push({
      eventId: raw.id,
      type: raw.type,
      actor: raw.actor,
      actorName: nameOf(raw.actor),
      deviceId: raw.deviceId,
      madeAt,
      acceptedAt: madeAt,
      seq,
      summary: describeEvent(parsed.event, nameOf),
      payload: raw.payload,
    });
  });
  const finalState = state as unknown as StreamState;
  const document = toStreamDocument(stream, finalState, timeline, seqStart + raws.length - 1, madeAt);
  return { stream, state: finalState, document, events };
}

const schema = freshSchemaName();
const db = await openDatabase({ kind: 'postgres', url, schema });
await migrate(db);
await seedDemoPeople(db);

console.log(
  `Building ${CASES.toLocaleString('en-GB')} cases from ${(CASES * EVENTS_PER_CASE).toLocaleString('en-GB')} events…`,
);
const seedStarted = performance.now();
const EVENTS = CASES * EVENTS_PER_CASE;
// The hash chain runs through the whole log, in seq order (cases are built in seq order).
let head = '';
for (let start = 0; start < CASES; start += INSERT_BATCH) {
  const built = Array.from({ length: Math.min(INSERT_BATCH, CASES - start) }, (_, i) =>
    buildCase(start + i + 1, (start + i) * EVENTS_PER_CASE + 1),
  );
  await db.query(
    `insert into streams (stream_id, collection, document, last_seq, updated_at, waiting_on)
     select s, c, d, l, u, array(select jsonb_array_elements_text(w))
     from unnest($1::text[], $2::text[], $3::jsonb[], $4::bigint[], $5::text[], $6::jsonb[])
       as t(s, c, d, l, u, w)`,
    [
      built.map((b) => b.stream),
      built.map(() => 'cases'),
      // As the server keeps them: the timeline is read from the accepted event rows, below.
      built.map((b) => {
        const { _deleted, timeline: _timeline, ...doc } = b.document;
        return JSON.stringify(doc);
      }),
      built.map((b) => b.document.lastSeq),
      built.map((b) => b.document.updatedAt),
      // Whose My work each case is in, as the server keeps it beside the document.
      built.map((b) => JSON.stringify(b.state.kind === 'case' ? myWorkKeys(b.state) : [])),
    ],
  );
  // Each accepted event's row, chained, with its timeline entry's own fields (migration 013).
  // Its change number is its seq: the server numbers every event, then the documents it touched.
  const rows = built.flatMap((b) =>
    b.events.map((event, i) => {
      const prevHash = head;
      head = chainHash(prevHash, event);
      const entry = b.document.timeline[i];
      if (entry?.eventId !== event.id) throw new Error(`The timeline of ${b.stream} is out of step.`);
      return { ...event, prevHash, hash: head, actorName: entry.actorName, summary: entry.summary };
    }),
  );
  await db.query(
    `insert into events (id, stream_id, type, actor, device_id, made_at, payload, status, seq, accepted_at,
                         prev_hash, hash, pushed_by_user, pushed_by_device, change_no, actor_name, summary)
     select id, stream, type, actor, "deviceId", "madeAt", payload, 'accepted', seq, "acceptedAt",
            "prevHash", hash, actor, "deviceId", seq, "actorName", summary
     from jsonb_to_recordset($1::jsonb) as x(id text, stream text, type text, actor text, "deviceId" text,
          "madeAt" text, payload jsonb, seq bigint, "acceptedAt" text, "prevHash" text, hash text,
          "actorName" text, summary text)`,
    [JSON.stringify(rows)],
  );
  await db.query(
    `insert into access (user_id, stream_id, collection, can_see, change_no)
     select 'caseworker', s, 'cases', true, n from unnest($1::text[], $2::bigint[]) as t(s, n)`,
    [built.map((b) => b.stream), built.map((_, i) => EVENTS + start + i + 1)],
  );
}
await db.query(`update counters set value = $1 where name = 'change'`, [EVENTS + CASES]);
await db.query(`update counters set value = $1 where name = 'seq'`, [EVENTS]);
console.log(`Seeded the server in ${seconds(performance.now() - seedStarted)} (not part of either figure).`);

const server = await startTestServer({ name: 'postgres', url, open: async () => db }, { db });
const browser = await launchChromium();
try {
  // The server's share alone: every page of the new device's first cases pull, fetched (and
  // read as text, not parsed) from Node, as the device asks for them.
  const reader = await server.signIn('caseworker');
  const serverStarted = performance.now();
  let serverPages = 0;
  let serverBytes = 0;
  for (let checkpoint: unknown = null; ; serverPages += 1) {
    const query = new URLSearchParams({
      checkpoint: checkpoint ? JSON.stringify(checkpoint) : '',
      batchSize: String(PULL_BATCH_SIZE),
    });
    const text = await (await server.call(reader, `/api/replication/cases/pull?${query}`)).text();
    serverBytes += text.length;
    const page = JSON.parse(text) as { documents: unknown[]; checkpoint: unknown };
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
  }
  const serverMs = performance.now() - serverStarted;

  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./newDeviceInBrowser.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { 'import.meta.env.DEV': 'false' },
    logLevel: 'error',
  });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('In the page:', error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('In the page:', message.text());
  });
  await page.goto(`${server.url}/api/health`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  // BENCH_PROFILE=file.cpuprofile: Chromium's CPU profile of the run (open it in DevTools).
  const profiler = PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
    await profiler.send('Profiler.start');
  }
  const figures = await page.evaluate(async () => {
    const run = (globalThis as unknown as { runNewDeviceBench: () => Promise<Record<string, number>> })
      .runNewDeviceBench;
    return run();
  });
  if (profiler && PROFILE) {
    const { profile } = await profiler.send('Profiler.stop');
    await writeFile(PROFILE, JSON.stringify(profile));
    console.log(`CPU profile written to ${PROFILE}`);
  }
  const {
    rawMs = 0,
    rawCount = 0,
    deviceMs = 0,
    signedInMs = 0,
    pulledMs = 0,
    stored = 0,
    myWork = 0,
    myWorkOnceAllStored = 0,
  } = figures;
  if (myWork !== myWorkOnceAllStored)
    throw new Error(
      `My work was shown with ${myWork} cases, but holds ${myWorkOnceAllStored} once every case is stored.`,
    );
  const ratio = deviceMs / rawMs;
  console.log('');
  console.log('Chromium (Debian), IndexedDB:');
  console.log(
    `New device, sign-in to My work shown: ${seconds(deviceMs)} (all ${myWork.toLocaleString('en-GB')} cases in My work; signed in after ${seconds(signedInMs)})`,
  );
  console.log(
    `Every case stored (${stored.toLocaleString('en-GB')}) after ${seconds(pulledMs)}: ${((pulledMs / rawMs) * 100).toFixed(0)}% of the raw cost`,
  );
  console.log(
    `Of which the server: ${serverPages} pages of ${PULL_BATCH_SIZE} cases (${(serverBytes / 1e6).toFixed(0)} MB) served to Node in ${seconds(serverMs)}`,
  );
  console.log(
    `Baseline, ${rawCount.toLocaleString('en-GB')} event rows written with Dexie: ${seconds(rawMs)}`,
  );
  console.log(
    `Ratio ${(ratio * 100).toFixed(0)}% of the raw cost (aim: under 50%): ${ratio < 0.5 ? 'met' : 'NOT met'}`,
  );
} finally {
  await browser.close();
  await server.close();
  await db.close();
  const admin = new (await import('pg')).default.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
}
