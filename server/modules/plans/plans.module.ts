import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';

/** Plans: see issue 5. Routes are registered by plans.routes.ts. */
export function createPlansModule(deps: ModuleDeps) {
  void deps;
  return {
    services: {},
    routes: async (app: FastifyInstance) => {
      void app;
    },
  };
}
