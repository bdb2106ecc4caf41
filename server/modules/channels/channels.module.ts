import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import type { ReportsServices } from '../reports/reports.module.ts';
import { createChannelsService } from './channels.service.ts';
import { facebookWebhook } from './facebook.adapter.ts';
import { lineWebhook } from './line.adapter.ts';
import { xWebhook } from './x.adapter.ts';

export interface ModuleDeps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
  organization: OrganizationService;
}

/**
 * The chat channels: LINE, Facebook Messenger and X webhooks at /channels/<platform>/webhook,
 * thin adapters over one conversation engine. Each adapter is its own plugin so its raw-body
 * parser stays inside it. A platform whose secret is unset answers 404 and says so at start-up.
 */
export function createChannelsModule(deps: ModuleDeps) {
  const service = createChannelsService(deps);
  const opts = { service, channels: deps.config.channels };
  return {
    service,
    routes: async (app: FastifyInstance) => {
      await app.register(lineWebhook, opts);
      await app.register(facebookWebhook, opts);
      await app.register(xWebhook, opts);
    },
  };
}
