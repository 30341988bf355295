// The two places finished files can live — a folder and an S3-compatible bucket — keep the same
// promises: sizes, whole and partial reads, the first copy kept, and the upload's file gone.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { startTestBucket, type TestBucket } from '../testing/bucket';
import { type BlobStore, folderBlobStore } from './blobStore';
import { s3BlobStore } from './s3BlobStore';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let work: string;
let bucket: TestBucket;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'clearway-stores-'));
  bucket = await startTestBucket();
});
afterAll(async () => {
  await bucket?.close();
  await rm(work, { recursive: true, force: true });
});

/** A finished upload waiting to be adopted, as tus leaves it. */
async function uploaded(data: Buffer): Promise<string> {
  const file = path.join(work, `upload-${randomBytes(6).toString('hex')}`);
  await writeFile(file, data);
  return file;
}

const stores: { name: string; make(): BlobStore }[] = [
  { name: 'a folder', make: () => folderBlobStore(path.join(work, 'blobs')) },
  {
    name: 'an S3-compatible bucket',
    make: () => {
      const config = readConfig({ CLEARWAY_DATA_DIR: work, ...bucket.env });
      if (config.blobStore.kind !== 's3') throw new Error('the bucket settings did not choose s3');
      return s3BlobStore(config.blobStore);
    },
  },
];

describe.each(stores)('files kept in $name', ({ make }) => {
  it('knows nothing of a file it was never given', async () => {
    expect(await make().size(sha256(randomBytes(32)))).toBeUndefined();
  });

  it('takes in a finished upload, then serves it whole and in parts', async () => {
    const store = make();
    // Over 5 MB, so the bucket store sends it in several parts.
    const data = randomBytes(6 * 1024 * 1024 + 123);
    const hash = sha256(data);
    const file = await uploaded(data);
    await store.adopt(hash, file);
    expect(existsSync(file)).toBe(false);
    expect(await store.size(hash)).toBe(data.length);
    expect(sha256(await buffer(store.read(hash)))).toBe(hash);
    const part = await buffer(store.read(hash, { start: 5_000_000, end: 5_000_099 }));
    expect(part.equals(data.subarray(5_000_000, 5_000_100))).toBe(true);
  });

  it('keeps the first copy when the same content arrives again', async () => {
    const store = make();
    const data = randomBytes(2048);
    const hash = sha256(data);
    await store.adopt(hash, await uploaded(data));
    const second = await uploaded(data);
    await store.adopt(hash, second);
    expect(existsSync(second)).toBe(false);
    expect((await buffer(store.read(hash))).equals(data)).toBe(true);
  });

  it('ends a read of a missing file with an error instead of hanging', async () => {
    await expect(buffer(make().read(sha256(randomBytes(16))))).rejects.toThrow();
  });
});

describe('the bucket store', () => {
  it('puts each file under the configured prefix and its hash, readable by any S3 client', async () => {
    const data = randomBytes(1000);
    const hash = sha256(data);
    await stores[1]!.make().adopt(hash, await uploaded(data));
    const object = await bucket.client.send(
      new GetObjectCommand({ Bucket: bucket.bucket, Key: `test/sha256/${hash.slice(0, 2)}/${hash}` }),
    );
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(data)).toBe(true);
  });

  it('refuses settings that name no bucket, or half a key pair, in plain words', () => {
    expect(() => readConfig({ CLEARWAY_BLOB_STORE: 's3' })).toThrow(/S3_BUCKET: must be set/);
    expect(() =>
      readConfig({ CLEARWAY_BLOB_STORE: 's3', S3_BUCKET: 'clearway', S3_ACCESS_KEY_ID: 'x' }),
    ).toThrow(/must be set together/);
    expect(() => readConfig({ CLEARWAY_BLOB_STORE: 's3', S3_BUCKET: 'No_Such' })).toThrow(/bucket name/);
  });
});
