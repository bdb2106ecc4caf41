import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { ReportsServices } from '../reports/reports.module.ts';
import { callCentreRoutes } from './callcentre.routes.ts';
import { createCallCentreService } from './callcentre.service.ts';

export interface ModuleDeps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
  organization: OrganizationService;
}

/**
 * The 1555 call centre: agents look up a caller's reports and file new ones by place
 * names, through the reports service (channel "call_centre"), with follow-up by SMS
 * or LINE through the outbox. Only agents and system administrators may use it.
 */
export function createCallCentreModule(deps: ModuleDeps) {
  const service = createCallCentreService(deps);
  return { service, routes: async (app: FastifyInstance) => callCentreRoutes(app, service) };
}
