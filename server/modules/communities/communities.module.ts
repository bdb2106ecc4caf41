import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';

/** Communities: see issue 5. Routes are registered by communities.routes.ts. */
export function createCommunitiesModule(deps: ModuleDeps) {
  void deps;
  return {
    services: {},
    routes: async (app: FastifyInstance) => {
      void app;
    },
  };
}
