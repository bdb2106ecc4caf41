import type { plansTh } from './plans.th';

// English texts of the plans screens.
export const plansEn: Record<keyof typeof plansTh, string> = {
  'plans.nav': 'Action plans',
  'admin.role.planner': 'Planner (reviews proposals, builds the plan)',
};
