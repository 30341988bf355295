// Fetching ahead the documents of the cases a person holds, so they open offline on that
// person's device — including when the file reaches the server after its event (the usual
// order: the event is small, the upload is not), and release copies. Real server in-process
// (PGlite, tus file store), real clients on fake IndexedDB; only the retry waits are shortened.
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ClearwayClient, ClientOptions } from '../../src/data';
import { type BlobCache, type BlobRef, referencedBlobs, TUS_RETRY_DELAYS_MS } from '../../src/data/blobs';
import { eventCatalogue, sha256Schema } from '../../src/domain';
import { caseForTheOfficial, eventually, newDevice, serverForSuite } from './dataDevices';

/** Short waits so a test sees several retries in well under a second. */
const FAST_PREFETCH = { retryDelaysMs: TUS_RETRY_DELAYS_MS, prefetchRetryMs: { first: 50, max: 200 } };
/** Within this long of its file reaching the server, a document is on the holder's device. */
const FEW_SECONDS_MS = 3_000;
const missingSha = (digit: string) => digit.repeat(64);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type BlobGet = { sha256: string; status: number | 'network' };

/**
 * Tom's tablet, signed in as Priya (the official), recording each file it asks the server for.
 * `blobAnswers` lets a test answer for the server (a refusal, a cut network) for one file.
 */
function holderDevice(
  url: string,
  blobAnswers = new Map<string, () => Promise<Response>>(),
  storage: Partial<ClientOptions> = {},
) {
  const gets: BlobGet[] = [];
  const started: string[] = [];
  const transport: typeof fetch = async (input, init) => {
    const sha256 = /\/api\/blobs\/([0-9a-f]{64})$/.exec(String(input))?.[1];
    if (!sha256) return fetch(input, init);
    started.push(sha256);
    const answer = blobAnswers.get(sha256);
    try {
      const response = await (answer ? answer() : fetch(input, init));
      gets.push({ sha256, status: response.status });
      return response;
    } catch (error) {
      gets.push({ sha256, status: 'network' });
      throw error;
    }
  };
  const device = newDevice(url, 'priya-tablet', { isOnline: true }, transport, {
    uploads: FAST_PREFETCH,
    ...storage,
  });
  const getsOf = (sha256: string) => gets.filter((g) => g.sha256 === sha256);
  /** Requests for the file sent so far, answered or not. */
  const startsOf = (sha256: string) => started.filter((s) => s === sha256).length;
  return { ...device, getsOf, startsOf };
}

/** Priya's tablet signed in on its own; closed after `run`, whatever happens. */
async function withPriyaAlone(
  url: string,
  run: (tom: ReturnType<typeof holderDevice>, blobs: BlobCache) => Promise<void>,
  blobAnswers?: Map<string, () => Promise<Response>>,
) {
  const tom = holderDevice(url, blobAnswers);
  try {
    await tom.client.signIn('official', 'demo');
    await run(tom, tom.client.blobs!);
  } finally {
    await tom.client.close();
  }
}

/**
 * The device asks for `sha256` no more: no request for it starts for a while (one sent
 * before may still be answered).
 */
async function expectNoMoreTries(tom: ReturnType<typeof holderDevice>, sha256: string) {
  const tries = tom.startsOf(sha256);
  await pause(500);
  expect(tom.startsOf(sha256)).toBe(tries);
}

type HeldCase = Awaited<ReturnType<typeof caseHeldByPriya>>;

/**
 * Sam (caseworker) logs a case and gives it to Priya, who holds it on her tablet; runs `run`,
 * then closes both devices. Sam's tus uploads fail while `uploads.isHeld`.
 */
async function withCaseHeldByPriya(
  url: string,
  run: (held: HeldCase) => Promise<void>,
  blobAnswers?: Map<string, () => Promise<Response>>,
) {
  const tom = holderDevice(url, blobAnswers);
  let held: HeldCase | undefined;
  try {
    held = await caseHeldByPriya(url, tom);
    await run(held);
  } finally {
    await held?.sam.client.close();
    await tom.client.close();
  }
}

async function caseHeldByPriya(url: string, tom: ReturnType<typeof holderDevice>) {
  const uploads = { isHeld: false };
  const transport: typeof fetch = (input, init) =>
    uploads.isHeld && String(input).includes('/api/blobs/uploads')
      ? Promise.reject(new TypeError('fetch failed (upload held by the test)'))
      : fetch(input, init);
  const sam = newDevice(url, 'sam-laptop', { isOnline: true }, transport, { uploads: { retryDelaysMs: [] } });
  await sam.client.signIn('caseworker', 'demo');
  await tom.client.signIn('official', 'demo');
  const logged = { stream: await caseForTheOfficial(sam.client) };
  /** Waits until Priya's tablet holds the case with an event of `type` in its timeline. */
  const holderHasPulled = (type: string) =>
    eventually(`Priya’s tablet to pull the case with ${type}`, async () => {
      const doc = await tom.client.database?.cases.findOne(logged.stream).exec();
      return doc?.isMine && doc.timeline.some((entry) => entry.type === type) ? true : undefined;
    });
  /** Sam adds a document (a file put in his blob cache) to the case. */
  const addDocument = (ref: BlobRef, name: string, kind: string) =>
    sam.client.sendEvent(logged.stream, 'document.added', {
      sha256: ref.sha256,
      name,
      size: ref.size,
      mime: 'application/pdf',
      kind,
    });
  /** Waits until the file is on Priya's tablet, without anyone opening it there. */
  const holderHas = (ref: BlobRef, what: string) =>
    eventually(what, async () => (await tom.client.blobs!.has(ref.sha256)) || undefined, FEW_SECONDS_MS);
  /** With the tablet's network cut, the file opens from the tablet, byte for byte. */
  const expectOpensOffline = async (ref: BlobRef, file: Blob) => {
    tom.network.isOnline = false;
    expect(await bytesOf(await tom.client.blobs!.get(ref.sha256))).toEqual(await bytesOf(file));
  };
  return {
    sam,
    tom,
    holderHas,
    expectOpensOffline,
    stream: logged.stream,
    uploads,
    holderHasPulled,
    addDocument,
    uploaded: () => uploadedFrom(sam),
  };
}

/** Waits until every file queued on `device` has reached the server. */
const uploadedFrom = (device: { client: ClearwayClient }) =>
  eventually('the upload to finish', async () => {
    await device.client.blobs!.uploadQueued();
    return (await device.client.blobs!.pendingUploads()).length === 0 ? true : undefined;
  });

const pdf = (seed: number) =>
  new Blob([new Uint8Array(200_000).map((_, i) => (i * seed) % 251)], { type: 'application/pdf' });

const bytesOf = async (blob: Blob | undefined) => new Uint8Array(await blob!.arrayBuffer());

describe('documents of held cases are fetched ahead', () => {
  const suiteServer = serverForSuite();

  it('a document whose file reaches the server after its event is fetched onto the holder’s device on its own', () =>
    withCaseHeldByPriya(suiteServer().url, async ({ sam, tom, uploads, ...held }) => {
      uploads.isHeld = true;
      const file = pdf(31);
      const ref = await sam.client.blobs!.put(file, 'request letter.pdf');
      await held.addDocument(ref, 'request letter.pdf', 'request');
      await held.holderHasPulled('document.added');
      // The race the holder's device loses: it asks for the file before the upload has finished.
      await eventually('Priya’s tablet to be told the file is not there yet', () =>
        tom.getsOf(ref.sha256).some((g) => g.status === 404),
      );
      expect(await tom.client.blobs!.has(ref.sha256)).toBe(false);
      expect(tom.client.blobs!.waitingToFetch()).toContain(ref.sha256);

      uploads.isHeld = false;
      await held.uploaded();
      // Nothing else happens on the case, and nobody opens the document on the tablet.
      await held.holderHas(ref, 'the holder’s device to hold the document');
      expect(tom.client.blobs!.waitingToFetch()).not.toContain(ref.sha256);
      expect(tom.getsOf(ref.sha256).filter((g) => g.status === 200)).toHaveLength(1);
      await held.expectOpensOffline(ref, file);
    }));

  it('a release copy (redacted copy) of a held case is fetched ahead with its original', () =>
    withCaseHeldByPriya(suiteServer().url, async ({ sam, tom, stream, ...held }) => {
      const original = await sam.client.blobs!.put(pdf(17), 'draft response.pdf');
      const copyFile = pdf(43);
      const copy = await sam.client.blobs!.put(copyFile, 'response for release.pdf');
      // Both files on the server before the events, so only the events decide what is fetched.
      await held.uploaded();
      await held.addDocument(original, 'draft response.pdf', 'draft');
      await sam.client.sendEvent(stream, 'document.redacted_copy_added', {
        originalSha: original.sha256,
        sha256: copy.sha256,
        name: 'response for release.pdf',
        size: copy.size,
        schedule: [{ page: 1, label: 's40(2)' }],
        exemptions: ['s40(2)'],
      });
      await held.holderHasPulled('document.redacted_copy_added');
      await held.holderHas(copy, 'the release copy on the holder’s device');
      expect(await tom.client.blobs!.has(original.sha256)).toBe(true);
      await held.expectOpensOffline(copy, copyFile);
    }));

  it('a file still missing when the app closed is fetched when it starts again, with nothing new on the case', async () => {
    const url = suiteServer().url;
    const namespace = `priya-${crypto.randomUUID().slice(0, 8)}-`;
    const tom = holderDevice(url, undefined, { namespace });
    let held: HeldCase | undefined;
    let restarted: ReturnType<typeof holderDevice> | undefined;
    try {
      held = await caseHeldByPriya(url, tom);
      held.uploads.isHeld = true;
      const file = pdf(53);
      const ref = await held.sam.client.blobs!.put(file, 'witness statement.pdf');
      await held.addDocument(ref, 'witness statement.pdf', 'request');
      await held.holderHasPulled('document.added');
      await eventually('Priya’s tablet to be told the file is not there yet', () =>
        tom.getsOf(ref.sha256).some((g) => g.status === 404),
      );
      // The app is closed before the upload finishes, and started again after it has.
      await tom.client.close();
      held.uploads.isHeld = false;
      await held.uploaded();
      restarted = holderDevice(url, undefined, {
        namespace,
        indexedDb: { indexedDB: tom.indexedDB, IDBKeyRange },
      });
      await restarted.client.start();
      const again = restarted;
      await eventually(
        'the document on the tablet after the restart',
        async () => (await again.client.blobs?.has(ref.sha256)) || undefined,
        FEW_SECONDS_MS,
      );
      expect(again.getsOf(ref.sha256).map((g) => g.status)).toEqual([200]);
      again.network.isOnline = false;
      expect(await bytesOf(await again.client.blobs!.get(ref.sha256))).toEqual(await bytesOf(file));
    } finally {
      await held?.sam.client.close();
      await tom.client.close();
      await restarted?.client.close();
    }
  });

  it('a file that failed to arrive because the network dropped is fetched once it is back', () => {
    const answers = new Map<string, () => Promise<Response>>();
    return withCaseHeldByPriya(
      suiteServer().url,
      async ({ sam, tom, ...held }) => {
        const ref = await sam.client.blobs!.put(pdf(7), 'contribution.pdf');
        await held.uploaded();
        // Only this file's requests fail; the tablet still syncs.
        answers.set(ref.sha256, () => Promise.reject(new TypeError('fetch failed (network cut)')));
        await held.addDocument(ref, 'contribution.pdf', 'contribution');
        await eventually('a failed attempt', () =>
          tom.getsOf(ref.sha256).some((g) => g.status === 'network'),
        );
        answers.delete(ref.sha256);
        await held.holderHas(ref, 'the document on the holder’s device');
      },
      answers,
    );
  });

  it('stops trying a file once no held case references it', () =>
    withPriyaAlone(suiteServer().url, async (tom, blobs) => {
      const sha256 = missingSha('a');
      const held = {
        id: 'case:0192-held',
        isMine: true,
        _deleted: false,
        timeline: [{ type: 'document.added', payload: { sha256 } }],
      };
      await blobs.prefetchCases([held]);
      expect(blobs.waitingToFetch()).toEqual([sha256]);
      await eventually('several tries', () => tom.getsOf(sha256).length >= 3);

      // The case is given to someone else: the next pull says Priya no longer holds it.
      await blobs.prefetchCases([{ ...held, isMine: false }]);
      expect(blobs.waitingToFetch()).toEqual([]);
      await expectNoMoreTries(tom, sha256);
    }));

  it('keeps trying a file two held cases reference until neither does', () =>
    withPriyaAlone(suiteServer().url, async (_tom, blobs) => {
      const sha256 = missingSha('b');
      const timeline = [{ type: 'response.sent', payload: { documentSha: sha256 } }];
      const first = { id: 'case:first', isMine: true, _deleted: false, timeline };
      const second = { id: 'case:second', isMine: true, _deleted: false, timeline };
      await blobs.prefetchCases([first, second]);
      await blobs.prefetchCases([{ ...first, _deleted: true }]);
      expect(blobs.waitingToFetch()).toEqual([sha256]);
      await blobs.prefetchCases([{ ...second, isMine: false }]);
      expect(blobs.waitingToFetch()).toEqual([]);
    }));

  it('does not ask again for a file the server refuses (403)', () => {
    const sha256 = missingSha('c');
    const refused = () =>
      Promise.resolve(
        Response.json({ error: 'forbidden', message: 'You may not see this file.' }, { status: 403 }),
      );
    return withPriyaAlone(
      suiteServer().url,
      async (tom, blobs) => {
        await blobs.prefetch([sha256]);
        expect(blobs.waitingToFetch()).toEqual([]);
        await expectNoMoreTries(tom, sha256);
        expect(tom.getsOf(sha256).map((g) => g.status)).toEqual([403]);
      },
      new Map([[sha256, refused]]),
    );
  });

  it('leaves no retry behind after signing out or closing', () =>
    withPriyaAlone(suiteServer().url, async (tom, blobs) => {
      const sha256 = missingSha('d');
      await blobs.prefetch([sha256]);
      expect(blobs.waitingToFetch()).toEqual([sha256]);
      await tom.client.signOut();
      expect(blobs.waitingToFetch()).toEqual([]);
      await expectNoMoreTries(tom, sha256);

      await tom.client.signIn('official', 'demo');
      const again = tom.client.blobs!;
      await again.prefetch([sha256]);
      expect(again.waitingToFetch()).toEqual([sha256]);
      await tom.client.close();
      expect(again.waitingToFetch()).toEqual([]);
      await expectNoMoreTries(tom, sha256);
    }));

  it('asks the server once for a file wanted twice at the same time', async () => {
    const sam = newDevice(suiteServer().url, 'sam-laptop');
    // Sam's second device: the server lets the uploader read the file before any case names it.
    const samTablet = holderDevice(suiteServer().url);
    try {
      await sam.client.signIn('caseworker', 'demo');
      const ref = await sam.client.blobs!.put(pdf(11), 'evidence.pdf');
      await uploadedFrom(sam);
      await samTablet.client.signIn('caseworker', 'demo');
      const blobs = samTablet.client.blobs!;
      // Opened on screen while the prefetcher fetches it ahead.
      const [opened] = await Promise.all([blobs.get(ref.sha256), blobs.prefetch([ref.sha256])]);
      expect(opened?.size).toBe(ref.size);
      expect(await blobs.has(ref.sha256)).toBe(true);
      expect(samTablet.getsOf(ref.sha256)).toEqual([{ sha256: ref.sha256, status: 200 }]);
    } finally {
      await sam.client.close();
      await samTablet.client.close();
    }
  });
});

describe('which files a case references', () => {
  /** The payload fields of each event type that hold a sha256, read from the domain's schemas. */
  const fileFields = Object.entries(eventCatalogue).flatMap(([type, { schema }]) =>
    Object.entries((schema as { shape?: Record<string, z.ZodType> }).shape ?? {})
      .filter(([, field]) => unwrapped(field) === sha256Schema)
      .map(([field]) => ({ type, field })),
  );

  it('finds a file named by any event type, so every one is fetched ahead', () => {
    expect(fileFields.map((f) => f.type)).toContain('document.redacted_copy_added');
    for (const { type, field } of fileFields) {
      const sha256 = missingSha('e');
      expect(referencedBlobs([{ type, payload: { [field]: sha256 } }]), `${type}.${field}`).toEqual([sha256]);
    }
  });
});

/** The schema inside `.optional()` / `.default()`. */
function unwrapped(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodOptional || field instanceof z.ZodDefault
    ? unwrapped(field.unwrap() as z.ZodType)
    : field;
}
