import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.ts';
import { createLiveHub, type LiveHub } from './live.hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Live updates (Server-Sent Events) fanned out across instances: see live.hub.ts. */
    live: LiveHub;
  }
}

/**
 * Decorates the app with its live-update hub. The LISTEN connection opens with the first
 * stream, so an app nobody watches (tests, CLI) holds no extra connection. Streams end
 * when shutdown begins (preClose), before the server waits for open connections.
 */
export function installLive(app: FastifyInstance, config: AppConfig): LiveHub {
  const hub = createLiveHub({
    listenUrl: config.scale.directUrl ?? config.databaseUrl,
    maxConnections: config.scale.liveMaxConnections,
    heartbeatSeconds: config.scale.liveHeartbeatSeconds,
    log: app.log,
  });
  app.decorate('live', hub);
  app.addHook('preClose', async () => hub.endStreams());
  app.addHook('onClose', async () => hub.close());
  return hub;
}
