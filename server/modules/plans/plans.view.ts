/**
 * Reads a plan in full — items, milestones, progress reports and their photos — and
 * rolls it up. Shared by the detail page, the mutation answers and the exports, so all
 * of them show the same numbers.
 */
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';
import { listAttachments } from '../../platform/media/attachments.ts';
import { can } from './plans.policy.ts';
import { approvedInWords, presentItem, presentPlanSummary, type MilestoneRow, type ProgressRow } from './plans.presenter.ts';
import { plansRepository as repo, type ItemRow, type PlanRow } from './plans.repository.ts';
import { rollUp, type ItemForRollup } from './plans.rollup.ts';

export function forRollup(item: Pick<ItemRow, 'status' | 'budget_requested_satang' | 'budget_approved_satang' | 'budget_disbursed_satang' | 'progress_percent'>): ItemForRollup {
  return {
    status: item.status,
    requestedSatang: BigInt(item.budget_requested_satang),
    approvedSatang: item.budget_approved_satang === null ? null : BigInt(item.budget_approved_satang),
    disbursedSatang: BigInt(item.budget_disbursed_satang),
    progressPercent: Number(item.progress_percent),
  };
}

export interface PlanContents {
  plan: PlanRow;
  items: ItemRow[];
  milestones: Map<string, MilestoneRow[]>;
  progress: Map<string, ProgressRow[]>;
}

function groupBy<T extends { item_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.item_id) ?? [];
    list.push(row);
    out.set(row.item_id, list);
  }
  return out;
}

export async function loadContents(db: Executor, plan: PlanRow): Promise<PlanContents> {
  const items = await repo.itemsOfPlans(db, [plan.id]);
  const ids = items.map((i) => i.id);
  const [milestones, progress] = await Promise.all([repo.milestonesOf(db, ids), repo.progressOf(db, ids)]);
  return { plan, items, milestones: groupBy(milestones), progress: groupBy(progress) };
}

/** Summaries of many plans with their roll-ups, for lists. */
export async function summarise(db: Executor, plans: PlanRow[]) {
  const items = await repo.itemsOfPlans(db, plans.map((p) => p.id));
  return plans.map((plan) => presentPlanSummary(plan, rollUp(items.filter((i) => i.plan_id === plan.id).map(forRollup))));
}

export function abilitiesOf(user: AuthUser | null, plan: PlanRow) {
  const facts = { agencyId: plan.agency_id };
  const build = can(user, 'build', facts);
  return { build, set_ceiling: can(user, 'set_ceiling', facts), publish: build && plan.status === 'draft', export: true };
}

export async function presentContents(db: Executor, contents: PlanContents, user: AuthUser | null, onlyItemId?: string) {
  const { plan, items } = contents;
  const mayBuild = can(user, 'build', { agencyId: plan.agency_id });
  const shown = onlyItemId ? items.filter((i) => i.id === onlyItemId) : items;
  const reportIds = shown.flatMap((i) => (contents.progress.get(i.id) ?? []).map((r) => r.id));
  const photos = await listAttachments(db, 'plan_progress', reportIds);
  const rollup = rollUp(items.map(forRollup));
  const presented = shown.map((i) => presentItem(i, plan.fiscal_year, contents.milestones.get(i.id) ?? [], contents.progress.get(i.id) ?? [], photos, mayBuild));
  return { summary: presentPlanSummary(plan, rollup), rollup, items: presented };
}

export async function planDetail(db: Executor, plan: PlanRow, user: AuthUser | null) {
  const contents = await loadContents(db, plan);
  const view = await presentContents(db, contents, user);
  return { ...view.summary, approved_in_words_th: approvedInWords(view.rollup), items: view.items, abilities: abilitiesOf(user, plan) };
}

/** One item and its plan's summary, as mutation answers and the item page need them. */
export async function itemView(db: Executor, plan: PlanRow, itemId: string, user: AuthUser | null) {
  const contents = await loadContents(db, plan);
  const view = await presentContents(db, contents, user, itemId);
  return { item: view.items[0]!, plan: view.summary };
}
