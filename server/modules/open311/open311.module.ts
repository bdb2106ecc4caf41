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

/** Open311 GeoReport v2: being built (placeholder wiring until the module lands; registers no routes). */
export function createOpen311Module(_deps: ModuleDeps) {
  return { routes: async (_app: FastifyInstance) => {} };
}
