import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';
import { createQueryService } from './proposals.query.service.ts';
import { proposalsRoutes } from './proposals.routes.ts';
import { createProposalsService } from './proposals.service.ts';
import { createWorkflowService } from './proposals.workflow.service.ts';

/**
 * Community project proposals (issue 5): a committee member writes one from the
 * community's needs; the district office reviews it (evaluator, revision, accepted with
 * a review or not accepted with a reason, merged, withdrawn), every step shown with its date.
 */
export function createProposalsModule(deps: ModuleDeps) {
  const write = createProposalsService({ db: deps.db, media: deps.media });
  const workflow = createWorkflowService({ db: deps.db });
  const query = createQueryService({ db: deps.db });
  return {
    services: { write, workflow, query },
    routes: async (app: FastifyInstance) => proposalsRoutes(app, { db: deps.db, write, workflow, query }),
  };
}
