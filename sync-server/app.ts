// Builds the HTTP server: the API under /api and the built app (dist/) on the same origin.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';

export async function buildServer(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });

  app.get('/api/health', async () => ({ status: 'ok' }));

  if (existsSync(path.join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.staticDir, wildcard: false });
    // Client-side routes (a case's shareable link) all load the app shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply.code(404).send({ error: 'not_found', message: 'There is no such address in the API.' });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
