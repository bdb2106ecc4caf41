import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';
import { accountabilityRoutes } from './accountability.routes.ts';
import { createAccountabilityService } from './accountability.service.ts';

/**
 * Accountability in public (issue 5): for each district and community the funnel from
 * proposals submitted to projects delivered, with money at each step; each proposal's
 * whole story; open data. A read model only: it reads the communities, proposals and
 * plans tables and writes nothing.
 */
export function createAccountabilityModule(deps: ModuleDeps) {
  const accountability = createAccountabilityService(deps.db);
  return {
    services: { accountability },
    routes: async (app: FastifyInstance) => accountabilityRoutes(app, accountability),
  };
}
