import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { DashboardErrorCode, errorBody } from '../errors.js';

/**
 * The built single-page app from `staticDir` (`vite build`): hashed files under /assets/ cached for a
 * year, index.html never; any other GET that is not /api/ gets index.html (the SPA's own routes, e.g.
 * a reloaded /alarms/<id>). Unknown /api/ paths are a JSON 404. Without a build the pages answer 503
 * saying how to build.
 */
export async function serveSpa(app: FastifyInstance, staticDir: string): Promise<void> {
  const built = existsSync(path.join(staticDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, file) => {
        void reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send(errorBody(DashboardErrorCode.NOT_FOUND, `${request.method} ${request.url.split('?')[0]}`));
    }
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send(errorBody(DashboardErrorCode.NOT_BUILT).message);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
