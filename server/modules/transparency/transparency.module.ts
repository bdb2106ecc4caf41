import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { transparencyRoutes } from './transparency.routes.ts';
import { createTransparencyService } from './transparency.service.ts';

export function createTransparencyModule(deps: { db: Db }) {
  const transparency = createTransparencyService(deps.db);
  return { services: { transparency }, routes: async (app: FastifyInstance) => transparencyRoutes(app, { transparency }) };
}
