import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { ReportsServices } from '../reports/reports.module.ts';
import { open311AdminRoutes } from './open311.admin.routes.ts';
import { createOpen311ClientsService } from './open311.clients.service.ts';
import { georeportRoutes } from './open311.routes.ts';
import { createOpen311Service } from './open311.service.ts';

export interface ModuleDeps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
  organization: OrganizationService;
}

/**
 * Open311 GeoReport v2 at /open311/v2 (reports filed through the same intake as every
 * channel, read back with the spec's field names in JSON and XML), and the
 * administrators' API for the clients' keys.
 */
export function createOpen311Module(deps: ModuleDeps) {
  const clients = createOpen311ClientsService(deps.db);
  const service = createOpen311Service({ ...deps, clients });
  return {
    routes: async (app: FastifyInstance) => {
      await app.register(open311AdminRoutes, { clients });
      await app.register(georeportRoutes, { prefix: '/open311/v2', service, publicUrl: deps.config.publicUrl });
    },
  };
}
