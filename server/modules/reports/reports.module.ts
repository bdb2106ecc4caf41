import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { createIntakeService, type IntakeService } from './reports.intake.service.ts';
import { createQueryService, type QueryService } from './reports.query.service.ts';
import { reportsRoutes } from './reports.routes.ts';
import { createSuggesterHolder, type SuggesterHolder } from './reports.suggester.ts';
import { createWorkflowService, type WorkflowService } from './reports.workflow.service.ts';

export interface ReportsServices {
  intake: IntakeService;
  workflow: WorkflowService;
  query: QueryService;
  suggester: SuggesterHolder;
  media: MediaStore;
}

/** The reports module: what it offers the app (routes, background work) and other modules (services). */
export function createReportsModule(deps: { db: Db; media: MediaStore; organization: OrganizationService; config: AppConfig }) {
  const suggester = createSuggesterHolder(deps.db);
  const intake = createIntakeService({ ...deps, suggester });
  const workflow = createWorkflowService({ ...deps, suggester, publicUrl: deps.config.publicUrl });
  const query = createQueryService({ db: deps.db, workflow });
  const services: ReportsServices = { intake, workflow, query, suggester, media: deps.media };
  return {
    services,
    routes: async (app: FastifyInstance) => reportsRoutes(app, services),
    startBackground: (log: FastifyBaseLogger) => suggester.start(log),
    stopBackground: () => suggester.stop(),
  };
}
