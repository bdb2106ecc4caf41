import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built React app from dist/web, with client-side routes falling back to
 * index.html. API-looking paths never fall back: they get a JSON 404.
 */
export async function installWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run "npm run build:web"; the API still works`);
    return;
  }
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  const html = fs.readFileSync(index, 'utf8');
  const apiPrefixes = ['/api/', '/open311/', '/channels/', '/health/', '/media/', '/metrics'];
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (apiPrefixes.some((p) => url.startsWith(p))) return reply.callNotFound();
    const file = path.join(webDir, path.normalize(url).replace(/^([/\\])+/, ''));
    if (file.startsWith(webDir) && url !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(webDir, file));
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
