import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';
import { createCommitteeService } from './communities.committee.service.ts';
import { needsRoutes } from './communities.needs.routes.ts';
import { createNeedsService } from './communities.needs.service.ts';
import { communitiesRoutes } from './communities.routes.ts';
import { createCommunitiesService } from './communities.service.ts';

/**
 * Communities (issue 5): the registry of Bangkok's communities per district, their
 * elected committees (with accounts for members), ranked needs with evidence, and the
 * city reports around each community. Other modules ask who may act for a community
 * through communities.membership.ts and change need statuses through
 * communities.needs.service.ts (markNeedsInProposal, returnNeedsToOpen, markNeedsResolved).
 */
export function createCommunitiesModule(deps: ModuleDeps) {
  const needs = createNeedsService({ db: deps.db, media: deps.media, organization: deps.organization });
  const communities = createCommunitiesService({ db: deps.db, needs });
  const committee = createCommitteeService({ db: deps.db });
  return {
    services: { communities, committee, needs },
    routes: async (app: FastifyInstance) => {
      await communitiesRoutes(app, { communities, committee });
      await needsRoutes(app, needs);
    },
  };
}
