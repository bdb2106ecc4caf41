import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../civic-deps.ts';
import { createPlanItemsService } from './plans.items.service.ts';
import { createPlanProgressService } from './plans.progress.service.ts';
import { plansRoutes } from './plans.routes.ts';
import { createPlansService } from './plans.service.ts';

/**
 * Annual action plans (แผนปฏิบัติราชการประจำปี): one per agency per fiscal year; items
 * from accepted proposals or the agency's own; budgets against the agency's ceiling;
 * milestones and quarterly progress rolled up to items, plans and districts; XLSX and
 * CSV exports laid out like the official table.
 */
export function createPlansModule(deps: ModuleDeps) {
  const plans = createPlansService(deps);
  const items = createPlanItemsService(deps);
  const progress = createPlanProgressService(deps);
  return {
    services: { plans, items, progress },
    routes: async (app: FastifyInstance) => plansRoutes(app, plans, items, progress),
  };
}
