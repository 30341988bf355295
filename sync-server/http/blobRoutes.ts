// Files: tus uploads (handed to @tus/server after sign-in) and content-addressed downloads with
// Range and ETag. A file is readable by everyone who uploaded it and by anyone who may see a case
// whose accepted events reference its sha256 (document.added), if that reference counts: knowing
// a hash is not a key to the file (blobAccess.ts).
// Files come from anyone signed in and are served from the app's own origin, so a download must
// never be run as a page: the type is the one the server read from the bytes (fileKind.ts), only
// PDFs and images are shown in place, everything else is an attachment, and every answer carries
// `nosniff` and a sandboxing CSP. The app itself reads files with fetch(), which neither affects.

import type { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayRead } from '../blobs/blobAccess';
import type { BlobStore } from '../blobs/blobStore';
import { isInlineType, OPAQUE_TYPE, SNIFF_BYTES, sniffStream } from '../blobs/fileKind';
import { UPLOADER_HEADER, UPLOADS_PATH } from '../blobs/tusUploads';
import { authenticate } from './authenticate';
import type { ServerContext } from './context';
import { sendProblem } from './problems';

const blobParamsSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** No script, no plugin, no form, no same-origin access, no loads: whatever a file is, it cannot act as the app. */
export const BLOB_CSP = "sandbox; default-src 'none'";

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined when absent; 'invalid' when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  const [start, end] =
    match[1] === ''
      ? [Math.max(0, size - Number(match[2])), size - 1]
      : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  return start > end || start >= size ? 'invalid' : { start, end };
}

export function registerBlobRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  tus: TusServer,
  blobs: BlobStore,
): void {
  const { db } = ctx;

  // tus PATCH bodies go straight to @tus/server as a stream: Fastify must not read them.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handOverToTus = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    // @tus/server reads the raw header list: drop any copy the client sent, then add ours.
    const raw = request.raw.rawHeaders;
    const kept: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() !== UPLOADER_HEADER) kept.push(raw[i]!, raw[i + 1]!);
    }
    raw.splice(0, raw.length, ...kept, UPLOADER_HEADER, caller.account.userId);
    request.raw.headers[UPLOADER_HEADER] = caller.account.userId;
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  app.all(UPLOADS_PATH, handOverToTus);
  app.all(`${UPLOADS_PATH}/*`, handOverToTus);

  // Rows stored before the server read types from the bytes hold whatever type the uploader
  // claimed, and no column tells those rows apart. A migration could not read the files, so it
  // would have to turn every earlier PDF into a download; instead every read confirms: a stored
  // type is served only when it is one shown in place and the file's first bytes agree, and
  // anything else is served as application/octet-stream. New rows agree by construction. The
  // cost is one 16-byte read per request, and the app fetches each file once and keeps it.
  const typeToServe = async (sha256: string, stored: string, size: number): Promise<string> => {
    if (!isInlineType(stored) || size === 0) return OPAQUE_TYPE;
    const head = blobs.read(sha256, { start: 0, end: Math.min(size, SNIFF_BYTES) - 1 });
    return (await sniffStream(head)) === stored ? stored : OPAQUE_TYPE;
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply, withBody: boolean) => {
    const params = blobParamsSchema.safeParse(request.params);
    if (!params.success) return sendProblem(reply, 404, 'not_found', 'There is no such file.');
    const caller = await authenticate(db, request, reply);
    if (!caller) return reply;
    const { sha256 } = params.data;
    const row = await mayRead(db, caller.account.userId, sha256);
    const size = row ? await blobs.size(sha256) : undefined;
    // The same answer whether the file is missing or not yours: its existence is not disclosed.
    if (!row || size === undefined)
      return sendProblem(reply, 404, 'not_found', 'There is no such file, or you may not see it.');
    const etag = `"${sha256}"`;
    reply.header('etag', etag);
    reply.header('accept-ranges', 'bytes');
    // Never kept in the browser's HTTP cache: a file from a case the person has since lost, or
    // on a device since revoked, would stay on disk there, outside the wipe at sign-out. The app
    // keeps the files it needs itself (src/data/blobs.ts), so nothing is lost by not caching.
    reply.header('cache-control', 'private, no-store');
    const type = await typeToServe(sha256, row.content_type, size);
    const disposition = isInlineType(type) ? 'inline' : 'attachment';
    reply.header('content-type', type);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', BLOB_CSP);
    reply.header(
      'content-disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
    );
    // Only after the access check above: "not modified" would tell someone the file exists.
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const range = parseRange(request.headers.range, size);
    if (range === 'invalid') {
      reply.header('content-range', `bytes */${size}`);
      return sendProblem(reply, 416, 'bad_range', 'The part of the file asked for is outside it.');
    }
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
      reply.header('content-length', String(range.end - range.start + 1));
    } else {
      reply.header('content-length', String(size));
    }
    if (!withBody) return reply.send();
    return reply.send(blobs.read(sha256, range));
  };
  app.get('/api/blobs/:sha256', { exposeHeadRoute: false }, (request, reply) => serve(request, reply, true));
  app.head('/api/blobs/:sha256', (request, reply) => serve(request, reply, false));
}
