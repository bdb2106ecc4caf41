import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { fail } from '../../platform/http/problem.ts';

/** What someone may do with an agency's annual action plan. */
export const PLAN_ACTIONS = {
  /** See a plan that is still a draft (published plans are public). */
  viewDraft: 'view_draft',
  /** Start the agency's plan for a fiscal year. */
  create: 'create',
  /** Build the plan: items, budgets asked and approved, milestones, progress, publishing. */
  build: 'build',
  /** Set the budget ceiling and its policy: the budget office's call, not the planner's. */
  setCeiling: 'set_ceiling',
} as const;
export type PlanAction = (typeof PLAN_ACTIONS)[keyof typeof PLAN_ACTIONS];

/** The agency a plan (or a plan about to be made) belongs to. */
export interface PlanFacts {
  agencyId: string;
}

const AGENCY_STAFF = ['officer', 'agency_admin', 'planner'];
const PLANNERS = ['planner', 'agency_admin'];

/**
 * The shared role model (helper-common): planners and agency administrators of agency A
 * build A's plan; the agency administrator (the budget office's voice in the agency)
 * sets the ceiling; every staff member of A may read A's drafts; admin may do anything.
 * Unknown action = deny.
 */
export function can(user: AuthUser | null, action: PlanAction, facts: PlanFacts): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  const ofAgency = user.agencyId !== null && user.agencyId === facts.agencyId;
  switch (action) {
    case 'view_draft':
      return ofAgency && AGENCY_STAFF.includes(user.role);
    case 'create':
    case 'build':
      return ofAgency && PLANNERS.includes(user.role);
    case 'set_ceiling':
      return ofAgency && user.role === 'agency_admin';
    default:
      return false;
  }
}

const REFUSALS: Record<PlanAction, { th: string; en: string }> = {
  view_draft: { th: 'แผนนี้ยังเป็นร่าง ดูได้เฉพาะเจ้าหน้าที่ของหน่วยงานเจ้าของแผน', en: "This plan is still a draft; only the agency's staff may see it" },
  create: { th: 'จัดทำแผนได้เฉพาะเจ้าหน้าที่วางแผนหรือผู้ดูแลของหน่วยงานนั้น', en: "Only the agency's planners or administrators may start its plan" },
  build: { th: 'แก้ไขแผนนี้ได้เฉพาะเจ้าหน้าที่วางแผนหรือผู้ดูแลของหน่วยงานเจ้าของแผน', en: "Only the plan agency's planners or administrators may change this plan" },
  set_ceiling: { th: 'วงเงินงบประมาณกำหนดได้เฉพาะผู้ดูแลหน่วยงาน (ฝ่ายงบประมาณ) หรือผู้ดูแลระบบ', en: "Only the agency's administrator (budget office) or a system administrator may set the budget ceiling" },
};

export function authorize(user: AuthUser | null, action: PlanAction, facts: PlanFacts): asserts user is AuthUser {
  if (!user) throw fail.unauthorized();
  if (!can(user, action, facts)) throw fail.forbidden(REFUSALS[action].th, REFUSALS[action].en);
}

/** Which plans a reader sees in lists: published ones, plus drafts of their own agency (all for admin). */
export function draftScope(user: AuthUser | null): 'all' | { agencyId: string } | 'none' {
  if (!user) return 'none';
  if (user.role === 'admin') return 'all';
  if (user.agencyId && AGENCY_STAFF.includes(user.role)) return { agencyId: user.agencyId };
  return 'none';
}
