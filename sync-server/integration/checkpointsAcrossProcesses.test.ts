// Checkpoints never skip with writers in different processes: two server processes on one
// PostgreSQL take pushes at once while a reader pages through the cases with its checkpoint,
// in small pages, the whole time. Every case pushed must reach the reader, each page must go
// forward, and the outbox of each pushing device must come back whole too.
import { describe, expect, it } from 'vitest';
import { sharedDatabasesUnderTest, signInAt, useServerProcesses } from '../testing/processes';
import { callerAt, caseLogged, type Page, pull, pullAll, push, type SignedIn } from '../testing/server';

const WRITERS_PER_PROCESS = 4;
const PUSHES_PER_WRITER = 8;
const CASES_PER_PUSH = 3;

describe.each(sharedDatabasesUnderTest())(
  'checkpoints with two server processes pushing on $name',
  (engine) => {
    const processUrls = useServerProcesses(engine);

    it('never lets a reader page past a case that another process commits later', async () => {
      const urls = processUrls();
      const reader = await signInAt(urls[0] ?? '', 'manager');
      const writers: { url: string; who: SignedIn }[] = [];
      for (const url of urls) {
        for (let i = 0; i < WRITERS_PER_PROCESS; i += 1)
          writers.push({ url, who: await signInAt(url, 'caseworker') });
      }
      const pushed: string[] = [];
      let isPushing = true;
      const pushing = Promise.all(
        writers.map(async ({ url, who }) => {
          for (let i = 0; i < PUSHES_PER_WRITER; i += 1) {
            const events = Array.from({ length: CASES_PER_PUSH }, () => caseLogged(who));
            const response = await push(callerAt(url), who, events);
            expect(response.status).toBe(200);
            pushed.push(...events.map((e) => e.stream));
          }
        }),
      ).finally(() => {
        isPushing = false;
      });

      // The reader pages all the while, in small pages, alternating between the processes.
      const seen = new Set<string>();
      let checkpoint: Page['checkpoint'] = null;
      let pages = 0;
      const read = async () => {
        const page = await pull(callerAt(urls[pages % urls.length] ?? ''), reader, 'cases', checkpoint, 5);
        pages += 1;
        if (page.checkpoint && checkpoint) expect(page.checkpoint.seq).toBeGreaterThanOrEqual(checkpoint.seq);
        for (const document of page.documents) seen.add(document.id as string);
        checkpoint = page.checkpoint;
        return page.documents.length;
      };
      let readWhilePushing = 0;
      while (isPushing) readWhilePushing += await read();
      await pushing;
      while ((await read()) > 0) {}

      expect(pushed).toHaveLength(writers.length * PUSHES_PER_WRITER * CASES_PER_PUSH);
      expect(pushed.filter((stream) => !seen.has(stream))).toEqual([]);
      // And it really did read cases while the others were still writing.
      expect(readWhilePushing).toBeGreaterThan(0);

      // Each pushing device's outbox comes back whole: every event accepted.
      for (const { url, who } of writers) {
        const outbox = await pullAll(callerAt(url), who, 'events');
        expect(outbox.documents).toHaveLength(PUSHES_PER_WRITER * CASES_PER_PUSH);
        expect(outbox.documents.every((d) => d.status === 'accepted')).toBe(true);
      }
    }, 120_000);
  },
);
