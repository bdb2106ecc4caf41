import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { createVault } from './integrity.vault.ts';
import { createIntakeService } from './integrity.intake.service.ts';
import { createWorkflowService } from './integrity.workflow.service.ts';
import { createCustodyService } from './integrity.custody.service.ts';
import { createPublicService } from './integrity.public.service.ts';
import { purgeExpired } from './integrity.retention.ts';
import { installPrivacy } from './integrity.http.ts';
import { whistleblowerRoutes } from './integrity.routes.ts';
import { staffRoutes } from './integrity.staff.routes.ts';

export interface IntegrityDeps {
  db: Db;
  config: AppConfig;
  organization: OrganizationService;
}

const PURGE_EVERY_MS = 6 * 3600_000;

/**
 * Corruption complaints: protected whistleblowers (no account, a receipt, nothing that
 * identifies them stored or logged), encrypted case contents, an investigation workflow
 * with conflict-of-interest rules, identity custody, a public register and figures, and
 * a retention job.
 */
export function createIntegrityModule(deps: IntegrityDeps) {
  const vault = createVault(deps.config.integrityKey);
  const intake = createIntakeService(deps.db, vault);
  const workflow = createWorkflowService(deps.db, vault, intake);
  const custody = createCustodyService(deps.db, vault);
  const publicService = createPublicService(deps.db);
  const purge = () => purgeExpired(deps.db, deps.config.integrityRetention);
  let timer: NodeJS.Timeout | null = null;

  return {
    services: { intake, workflow, custody, publicService, purge },
    routes: async (app: FastifyInstance) => {
      await app.register(async (scoped) => {
        installPrivacy(scoped);
        await whistleblowerRoutes(scoped, { intake, publicService, unitKey: deps.config.integrityKey });
        await staffRoutes(scoped, { intake, workflow, custody });
      });
    },
    start: (log: FastifyBaseLogger) => {
      if (!deps.config.integrityKey) log.warn('integrity: INTEGRITY_KEY is not set; corruption complaints answer 503');
      const run = () => {
        purge()
          .then((s) => { if (s.identities + s.evidenceCases > 0) log.info({ ...s }, 'integrity retention purge'); })
          .catch((error: unknown) => log.error({ err: error }, 'integrity retention purge failed'));
      };
      timer = setInterval(run, PURGE_EVERY_MS);
      timer.unref();
      setTimeout(run, 30_000).unref();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
