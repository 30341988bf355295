// Finished files in an S3-compatible bucket (AWS S3, or a department's own MinIO or Ceph), keyed
// by content like the folder store: `<prefix>sha256/<first two hex>/<sha256>`. Uploads still
// arrive through tus into CLEARWAY_DATA_DIR and are verified there; only the checked file is sent
// on, streamed in parts, so no file is ever held whole in memory.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStore } from './blobStore';

export type S3Settings = {
  bucket: string;
  region: string;
  /** For stores other than AWS itself, e.g. http://minio.internal:9000. */
  endpoint: string | undefined;
  /** MinIO and most self-hosted stores want bucket-in-path addresses. */
  forcePathStyle: boolean;
  /** Without them the SDK's own chain applies (environment, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  prefix: string;
};

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

export function s3BlobStore(settings: S3Settings): BlobStore {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  const Bucket = settings.bucket;
  const keyOf = (sha256: string) => `${settings.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;

  const size = async (sha256: string): Promise<number | undefined> => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(sha256) }));
      return head.ContentLength;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  return {
    size,
    read(sha256, range) {
      // The route has already checked the file exists and sent its headers; the body follows
      // as the bucket sends it, and a failure part-way ends the response rather than hanging.
      const out = new PassThrough();
      client
        .send(
          new GetObjectCommand({
            Bucket,
            Key: keyOf(sha256),
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        )
        .then((object) => {
          const body = object.Body;
          if (!(body instanceof Readable)) throw new Error('The file store sent no readable body.');
          body.on('error', (error) => out.destroy(error));
          body.pipe(out);
        })
        .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
      return out;
    },
    async adopt(sha256, filePath) {
      // The same content uploaded twice: keep the first copy.
      if ((await size(sha256)) === undefined) {
        const { size: bytes } = await stat(filePath);
        await new Upload({
          client,
          params: {
            Bucket,
            Key: keyOf(sha256),
            Body: createReadStream(filePath),
            ContentLength: bytes,
            ContentType: 'application/octet-stream',
          },
        }).done();
      }
      await rm(filePath, { force: true });
    },
  };
}
