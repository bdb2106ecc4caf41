import type { AppConfig } from '../platform/config/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { MediaStore } from '../platform/media/media-store.ts';
import type { OrganizationService } from './organization/organization.service.ts';
import type { createReportsModule } from './reports/reports.module.ts';

/** What the civic-planning modules (communities, proposals, plans, accountability) are built with. */
export interface ModuleDeps {
  db: Db;
  config: AppConfig;
  media: MediaStore;
  organization: OrganizationService;
  reports: ReturnType<typeof createReportsModule>['services'];
}
