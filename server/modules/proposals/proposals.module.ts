import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';

/** Proposals: see issue 5. Routes are registered by proposals.routes.ts. */
export function createProposalsModule(deps: ModuleDeps) {
  void deps;
  return {
    services: {},
    routes: async (app: FastifyInstance) => {
      void app;
    },
  };
}
