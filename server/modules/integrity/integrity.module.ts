import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';

export interface IntegrityDeps {
  db: Db;
  config: AppConfig;
  organization: OrganizationService;
}

/** Corruption complaints: being built (placeholder wiring; registers no routes yet). */
export function createIntegrityModule(_deps: IntegrityDeps) {
  return {
    routes: async (_app: FastifyInstance) => {},
    start: (_log: FastifyBaseLogger) => {},
    stop: () => {},
  };
}
