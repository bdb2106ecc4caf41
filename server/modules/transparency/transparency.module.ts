import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { transparencyRoutes } from './transparency.routes.ts';
import { createTransparencyService } from './transparency.service.ts';

export function createTransparencyModule(deps: { db: Db }) {
  const transparency = createTransparencyService(deps.db);
  let timer: NodeJS.Timeout | null = null;
  return {
    services: { transparency },
    routes: async (app: FastifyInstance) => transparencyRoutes(app, { transparency }),
    /** Folds pending figure changes into the rollups every few seconds (reads also nudge it). */
    start: () => {
      timer ??= setInterval(() => void transparency.foldPending().catch(() => undefined), 5000);
      timer.unref?.();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
