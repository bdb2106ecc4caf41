import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';

/** Accountability: see issue 5. Routes are registered by accountability.routes.ts. */
export function createAccountabilityModule(deps: ModuleDeps) {
  void deps;
  return {
    services: {},
    routes: async (app: FastifyInstance) => {
      void app;
    },
  };
}
