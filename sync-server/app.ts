// Builds the HTTP server: the API under /api and the built app (dist/) on the same origin.
// `buildServer` opens storage from the settings unless it is handed a database (tests, bench).
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createLoginLimiter, type LoginLimits } from './accounts/loginLimiter';
import { folderBlobStore } from './blobs/blobStore';
import { cleanUpExpiredUploadsRegularly, createTusServer } from './blobs/tusUploads';
import type { ServerConfig } from './config';
import { registerAccountAdminRoutes } from './http/accountAdminRoutes';
import { registerAccountRoutes } from './http/accountRoutes';
import { registerBlobRoutes } from './http/blobRoutes';
import type { ServerContext } from './http/context';
import { registerOidcRoutes } from './http/oidcRoutes';
import { registerPeopleRoutes } from './http/peopleRoutes';
import { sendProblem } from './http/problems';
import { registerReplicationRoutes } from './http/replicationRoutes';
import { openChangeFeed } from './live/changeFeed';
import { registerDigestRoutes } from './mail/digestRoutes';
import { createMailer, type Mailer } from './mail/mailer';
import { ChangeRefused } from './replication/personAccess';
import { type Database, openDatabase } from './storage/database';
import { migrate } from './storage/migrate';

export type ServerParts = {
  db?: Database;
  loginLimits?: LoginLimits;
  now?: () => Date;
  mailer?: Mailer;
};

export async function openConfiguredDatabase(config: ServerConfig): Promise<Database> {
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema }
      : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
  );
  await migrate(db);
  return db;
}

export async function buildServer(config: ServerConfig, parts: ServerParts = {}): Promise<FastifyInstance> {
  const isOwnDb = !parts.db;
  const db = parts.db ?? (await openConfiguredDatabase(config));
  const feed = await openChangeFeed(db);
  const ctx: ServerContext = {
    config,
    db,
    feed,
    limiter: createLoginLimiter(db, parts.loginLimits),
    now: parts.now ?? (() => new Date()),
  };
  // Hijacked replies (event streams, tus) must not keep `close()` waiting.
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimit,
    forceCloseConnections: true,
    // Only the proxies named in CLEARWAY_TRUST_PROXY: trusting everyone would let any client pick
    // its own address (X-Forwarded-For) and so step round the per-address sign-in limit.
    trustProxy: config.trustProxy,
  });
  if (!config.trustProxy) warnOfUntrustedProxy(app);
  const mailer = parts.mailer ?? createMailer(config.mail);
  app.addHook('onClose', async () => {
    if (!parts.mailer) mailer?.close();
    await feed.close();
    if (isOwnDb) await db.close();
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return sendProblem(
        reply,
        413,
        'too_large',
        `That is more than this server accepts at once (${config.bodyLimit} bytes).`,
      );
    }
    if (
      error instanceof SyntaxError ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return sendProblem(reply, 400, 'malformed_json', 'The request is not valid JSON.');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, 415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
    }
    // The log refused a change to who may do what (the caller lost the role meanwhile): nothing kept.
    if ((error as unknown) instanceof ChangeRefused) {
      return sendProblem(
        reply,
        403,
        'forbidden',
        error.message.endsWith('.') ? error.message : `${error.message}.`,
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, 'bad_request', 'The request could not be understood.');
    }
    console.error(error);
    return sendProblem(
      reply,
      500,
      'server_error',
      'Something went wrong on the server. Nothing you sent was lost; try again.',
    );
  });

  await app.register(fastifyCookie);
  app.get('/api/health', async () => ({ status: 'ok' }));
  registerAccountRoutes(app, ctx);
  registerOidcRoutes(app, ctx);
  registerPeopleRoutes(app, ctx);
  registerAccountAdminRoutes(app, ctx);
  registerReplicationRoutes(app, ctx);
  registerDigestRoutes(app, ctx, mailer);
  const blobs =
    config.blobStore.kind === 's3'
      ? // Loaded only when chosen: the AWS SDK is large and most installations keep a folder.
        (await import('./blobs/s3BlobStore')).s3BlobStore(config.blobStore)
      : folderBlobStore(path.join(config.dataDir, 'blobs', 'sha256'));
  const tus = createTusServer(
    path.join(config.dataDir, 'blobs', 'uploads'),
    db,
    blobs,
    config.uploadExpiryMs,
  );
  app.addHook('onClose', cleanUpExpiredUploadsRegularly(tus, config.uploadExpiryMs));
  registerBlobRoutes(app, ctx, tus, blobs);

  if (existsSync(path.join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.staticDir, wildcard: false });
  }
  // Client-side routes (a case's shareable link) all load the app shell.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !existsSync(path.join(config.staticDir, 'index.html'))) {
      return sendProblem(reply, 404, 'not_found', 'There is no such address in the API.');
    }
    return reply.sendFile('index.html');
  });
  return app;
}

/**
 * Behind a proxy that is not named in CLEARWAY_TRUST_PROXY every client has the proxy's address,
 * so a few people mistyping their passwords hold everyone back at the per-address sign-in limit:
 * said once, at the first request that shows it.
 */
function warnOfUntrustedProxy(app: FastifyInstance): void {
  let hasWarned = false;
  app.addHook('onRequest', async (request) => {
    if (hasWarned || request.headers['x-forwarded-for'] === undefined) return;
    hasWarned = true;
    console.warn(
      `Requests come through a proxy (X-Forwarded-For from ${request.socket.remoteAddress}), but CLEARWAY_TRUST_PROXY does not name it: sign-in limits count every client as the proxy's address.`,
    );
  });
}
