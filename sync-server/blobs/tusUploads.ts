// Resumable uploads (tus 1.0) at /api/blobs/uploads/ with @tus/server on a file store under
// CLEARWAY_DATA_DIR/blobs/uploads. Upload-Metadata must carry `sha256` (hex) and `filename`.
// When the last byte arrives the server hashes the file (streaming), refuses it on a mismatch,
// and otherwise moves it into the content-addressed BlobStore and records it, with the type the
// server reads from its first bytes (fileKind.ts): a `filetype` in the metadata is ignored.
// Bytes the server already has are still uploaded whole and checked the same way (the app never
// asks first), and the upload succeeds: its sender is recorded as one of the file's uploaders
// (blob_uploaders), which is what lets their references to it count (blobAccess.ts).
// Fastify authenticates first and passes the caller in a header it always overwrites.
// An upload left unfinished is kept for CLEARWAY_UPLOAD_EXPIRY_DAYS after it was started (tus
// `expiration`: Upload-Expires, then 410), and a regular clean-up removes it from the disk.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { Queryable } from '../storage/database';
import { type BlobStore, hashFile } from './blobStore';
import { SNIFF_BYTES, sniffStream } from './fileKind';

export const UPLOADS_PATH = '/api/blobs/uploads';
/** Set by the server on every tus request after sign-in; never taken from the client. */
export const UPLOADER_HEADER = 'x-clearway-uploader';
const SHA256 = /^[0-9a-f]{64}$/;
/** How often abandoned uploads are looked for (sooner when they expire sooner). */
const CLEAN_UP_EVERY_MS = 60 * 60 * 1000;

/**
 * A file store that can answer for an upload it has just handed to the blob store. tus reads an
 * upload back after finishing it within its POST (an empty file, or one sent whole with
 * creation-with-upload) to decide on Upload-Expires; by then onUploadFinish has moved the file
 * away, and the read would turn a finished upload into a 404.
 */
class AdoptingFileStore extends FileStore {
  readonly #handedOver = new Map<string, Upload>();

  handedOver(upload: Upload): void {
    this.#handedOver.set(upload.id, upload);
    // Long enough for the request that finished it; nothing asks after that.
    setTimeout(() => this.#handedOver.delete(upload.id), 60_000).unref();
  }

  override async getUpload(id: string): Promise<Upload> {
    return this.#handedOver.get(id) ?? super.getUpload(id);
  }
}

type TusRefusal = { status_code: number; body: string };
const refuse = (status: number, error: string, message: string): TusRefusal => ({
  status_code: status,
  body: JSON.stringify({ error, message }),
});

export function createTusServer(
  uploadsDir: string,
  db: Queryable,
  blobs: BlobStore,
  expiryMs: number,
): Server {
  const datastore = new AdoptingFileStore({
    directory: uploadsDir,
    expirationPeriodInMilliseconds: expiryMs,
  });
  return new Server({
    path: UPLOADS_PATH,
    datastore,
    relativeLocation: true,
    async onUploadCreate(req, upload) {
      const uploader = req.headers.get(UPLOADER_HEADER);
      const sha = upload.metadata?.sha256?.toLowerCase();
      if (!uploader) throw refuse(401, 'not_signed_in', 'Please sign in to continue.');
      if (!sha || !SHA256.test(sha)) {
        throw refuse(
          400,
          'invalid_upload',
          'The upload must say the file’s SHA-256 (64 hexadecimal characters) in its metadata.',
        );
      }
      if (!upload.metadata?.filename)
        throw refuse(400, 'invalid_upload', 'The upload must say the file’s name in its metadata.');
      return { metadata: { ...upload.metadata, sha256: sha, uploader } };
    },
    async onIncomingRequest(req, uploadId) {
      // Only the person who started an upload may continue it.
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const upload = await datastore.getUpload(uploadId).catch(() => undefined);
      if (upload && upload.metadata?.uploader !== req.headers.get(UPLOADER_HEADER)) {
        throw refuse(404, 'not_found', 'There is no such upload.');
      }
    },
    async onUploadFinish(_req, upload) {
      const filePath = path.join(uploadsDir, upload.id);
      const claimed = upload.metadata?.sha256 ?? '';
      const actual = await hashFile(filePath);
      if (actual !== claimed) {
        await datastore.remove(upload.id);
        throw refuse(
          422,
          'hash_mismatch',
          'The file that arrived is not the file that was sent (its SHA-256 does not match). Please upload it again.',
        );
      }
      // Never the uploader's `filetype`: it is whatever the client chose to claim.
      const contentType = await sniffStream(createReadStream(filePath, { start: 0, end: SNIFF_BYTES - 1 }));
      await blobs.adopt(actual, filePath);
      datastore.handedOver(upload);
      await datastore.configstore.delete(upload.id);
      // Bytes the server already holds (the same letter sent to two teams) still prove that this
      // person has the file: the first upload's row stays as it was, but every uploader is
      // recorded, in one statement so neither is written without the other.
      await db.query(
        `with stored as (
           insert into blobs (sha256, size, filename, content_type, uploaded_by) values ($1, $2, $3, $4, $5)
           on conflict (sha256) do nothing)
         insert into blob_uploaders (sha256, user_id) values ($1, $5)
         on conflict (sha256, user_id) do nothing`,
        [
          actual,
          upload.size ?? upload.offset,
          upload.metadata?.filename ?? 'file',
          contentType,
          upload.metadata?.uploader,
        ],
      );
      return {};
    },
  });
}

/**
 * Removes expired unfinished uploads now and then every hour (or every `expiryMs`, if shorter),
 * so uploads nobody comes back to cannot fill the disk. Finished uploads are not among them: they
 * have left the uploads folder for the BlobStore. The timer does not keep the process alive; the
 * function returned stops it and waits for a clean-up under way.
 */
export function cleanUpExpiredUploadsRegularly(tus: Server, expiryMs: number): () => Promise<void> {
  let running: Promise<void> | undefined;
  const cleanUp = () => {
    // A slow disk must not have two clean-ups removing the same files.
    running ??= tus
      .cleanUpExpiredUploads()
      .then(
        () => undefined,
        (error: unknown) => {
          // Before the first upload the folder may not be there yet: nothing to remove.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
            console.error('Could not remove abandoned file uploads:', error);
        },
      )
      .finally(() => {
        running = undefined;
      });
  };
  cleanUp();
  const timer = setInterval(cleanUp, Math.min(CLEAN_UP_EVERY_MS, expiryMs));
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
