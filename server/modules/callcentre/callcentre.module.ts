import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { ReportsServices } from '../reports/reports.module.ts';

export interface ModuleDeps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
  organization: OrganizationService;
}

/** the 1555 call centre: being built (placeholder wiring until the module lands; registers no routes). */
export function createCallCentreModule(_deps: ModuleDeps) {
  return { routes: async (_app: FastifyInstance) => {} };
}
