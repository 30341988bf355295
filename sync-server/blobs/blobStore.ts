// Where finished files live, by content: `<root>/<first two hex>/<sha256>`. The folder store is
// here; the S3-compatible one (s3BlobStore.ts) implements the same three calls.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type BlobStore = {
  /** Size in bytes, or undefined when the store does not hold it. */
  size(sha256: string): Promise<number | undefined>;
  /** Streams bytes `start`..`end` inclusive (the whole file when omitted). */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /** Moves a finished upload in under its hash (the caller has verified it). */
  adopt(sha256: string, filePath: string): Promise<void>;
};

export function folderBlobStore(root: string): BlobStore {
  const locate = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async size(sha256) {
      try {
        return (await stat(locate(sha256))).size;
      } catch {
        return undefined;
      }
    },
    read(sha256, range) {
      return createReadStream(locate(sha256), range ? { start: range.start, end: range.end } : {});
    },
    async adopt(sha256, filePath) {
      const target = locate(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // The same content uploaded twice: keep the first copy.
      if ((await this.size(sha256)) !== undefined) {
        await rm(filePath, { force: true });
        return;
      }
      await rename(filePath, target);
    },
  };
}

/** sha256 (hex) of a file, streamed: large files are never held in memory. */
export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  return hash.digest('hex');
}
