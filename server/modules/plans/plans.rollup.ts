/**
 * How progress rolls up (issue 5), as pure functions:
 *   item     = milestone percents weighted by milestone weight;
 *   plan     = item progress weighted by budget (approved, else requested), cancelled
 *              items left out, equal weights when every budget is zero;
 *   district = the same over the district office's items and the department items
 *              located in the district's communities.
 * Percentages are kept to two decimals, as the numeric(5,2) columns store them.
 */

export interface MilestoneProgress {
  weight: number;
  percent: number;
}

export interface ItemForRollup {
  status: 'planned' | 'funded' | 'in_progress' | 'completed' | 'cancelled';
  requestedSatang: bigint;
  approvedSatang: bigint | null;
  disbursedSatang: bigint;
  progressPercent: number;
}

export interface Rollup {
  /** Budget-weighted progress, 0..100; null when nothing counts (no live items). */
  percent: number | null;
  /** Live items (not cancelled) that the percentage is made of. */
  items: number;
  cancelled: number;
  byStatus: Record<ItemForRollup['status'], number>;
  requestedSatang: bigint;
  approvedSatang: bigint;
  disbursedSatang: bigint;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * Rounding must never make unfinished work look finished: 100 is reserved for the
 * case where every part is at 100 (an item at 100 is completed automatically).
 */
function finished(rounded: number, parts: readonly number[]): number {
  return rounded >= 100 && parts.some((p) => clampPercent(p) < 100) ? 99.99 : rounded;
}

/** An item's progress from its milestones; null when it has none (the item's own percent then stands). */
export function itemProgressFromMilestones(milestones: readonly MilestoneProgress[]): number | null {
  if (milestones.length === 0) return null;
  let weighted = 0;
  let weights = 0;
  for (const m of milestones) {
    const w = Math.max(0, m.weight);
    weighted += w * clampPercent(m.percent);
    weights += w;
  }
  const parts = milestones.map((m) => m.percent);
  if (weights === 0) return finished(round2(milestones.reduce((s, m) => s + clampPercent(m.percent), 0) / milestones.length), parts);
  return finished(round2(weighted / weights), parts);
}

/** The budget an item weighs with: what was approved, or what was asked while nothing is approved yet. */
export function budgetWeight(item: Pick<ItemForRollup, 'approvedSatang' | 'requestedSatang'>): bigint {
  return item.approvedSatang ?? item.requestedSatang;
}

/**
 * Budget-weighted progress and money totals of a set of items (a plan's, or a district's).
 * Weights are satang; they are summed exactly as bigint and only the final ratio is a float.
 */
export function rollUp(items: readonly ItemForRollup[]): Rollup {
  const byStatus = { planned: 0, funded: 0, in_progress: 0, completed: 0, cancelled: 0 };
  let requested = 0n;
  let approved = 0n;
  let disbursed = 0n;
  const live: ItemForRollup[] = [];
  for (const item of items) {
    byStatus[item.status] += 1;
    if (item.status === 'cancelled') continue;
    live.push(item);
    requested += item.requestedSatang;
    approved += item.approvedSatang ?? 0n;
    disbursed += item.disbursedSatang;
  }
  return {
    percent: weightedPercent(live),
    items: live.length,
    cancelled: byStatus.cancelled,
    byStatus,
    requestedSatang: requested,
    approvedSatang: approved,
    disbursedSatang: disbursed,
  };
}

function weightedPercent(live: readonly ItemForRollup[]): number | null {
  if (live.length === 0) return null;
  const parts = live.map((i) => i.progressPercent);
  const totalWeight = live.reduce((s, i) => s + budgetWeight(i), 0n);
  if (totalWeight === 0n) return finished(round2(live.reduce((s, i) => s + clampPercent(i.progressPercent), 0) / live.length), parts);
  // Sum weight × percent in hundredths of a percent, exactly, then divide once.
  let weighted = 0n;
  for (const i of live) weighted += budgetWeight(i) * BigInt(Math.round(clampPercent(i.progressPercent) * 100));
  return finished(round2(Number((weighted * 100n) / totalWeight) / 10_000), parts);
}

/**
 * A district's roll-up: the district office's own plan items plus the department plan
 * items located in the district's communities, all weighted by budget together.
 */
export function districtRollup(districtOfficeItems: readonly ItemForRollup[], departmentItemsInDistrict: readonly ItemForRollup[]): Rollup & {
  districtOffice: Rollup;
  departments: Rollup;
} {
  return {
    ...rollUp([...districtOfficeItems, ...departmentItemsInDistrict]),
    districtOffice: rollUp(districtOfficeItems),
    departments: rollUp(departmentItemsInDistrict),
  };
}

export interface CeilingCheck {
  ceilingSatang: bigint | null;
  /** ceiling − approved; null without a ceiling; negative when over. */
  remainingSatang: bigint | null;
  /** approved − ceiling when over, else 0. */
  overBySatang: bigint;
  approvedOverCeiling: boolean;
  requestedOverCeiling: boolean;
}

/** Where the plan's money stands against the agency's ceiling (no ceiling: nothing is over). */
export function checkCeiling(ceiling: bigint | null, requested: bigint, approved: bigint): CeilingCheck {
  if (ceiling === null) {
    return { ceilingSatang: null, remainingSatang: null, overBySatang: 0n, approvedOverCeiling: false, requestedOverCeiling: false };
  }
  const over = approved - ceiling;
  return {
    ceilingSatang: ceiling,
    remainingSatang: ceiling - approved,
    overBySatang: over > 0n ? over : 0n,
    approvedOverCeiling: approved > ceiling,
    requestedOverCeiling: requested > ceiling,
  };
}
