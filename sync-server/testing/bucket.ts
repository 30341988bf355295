// A real S3-compatible server in the test process (s3rver: the S3 HTTP API over a temporary
// folder), so the bucket store is tested over the wire with the AWS SDK, not against a stub.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export type TestBucket = {
  /** The server's settings that point at this bucket. */
  env: NodeJS.ProcessEnv;
  /** An SDK client of its own, for checking what the bucket holds independently of the store. */
  client: S3Client;
  bucket: string;
  close(): Promise<void>;
};

const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startTestBucket(bucket = 'clearway-test'): Promise<TestBucket> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clearway-bucket-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'eu-west-2', forcePathStyle: true, credentials: KEYS });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    env: {
      CLEARWAY_BLOB_STORE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      S3_PREFIX: 'test/',
    },
    client,
    bucket,
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
