import { describe, expect, it } from 'vitest';
import { budgetWeight, checkCeiling, districtRollup, itemProgressFromMilestones, rollUp, type ItemForRollup } from './plans.rollup.ts';

const item = (progressPercent: number, requested: bigint, approved: bigint | null = null, status: ItemForRollup['status'] = 'in_progress', disbursed = 0n): ItemForRollup => ({
  status, requestedSatang: requested, approvedSatang: approved, disbursedSatang: disbursed, progressPercent,
});

describe('item progress from milestones', () => {
  it('is the weighted average of milestone percents', () => {
    expect(itemProgressFromMilestones([{ weight: 20, percent: 100 }, { weight: 80, percent: 50 }])).toBe(60);
    expect(itemProgressFromMilestones([{ weight: 1, percent: 100 }, { weight: 1, percent: 0 }, { weight: 1, percent: 0 }])).toBe(33.33);
  });

  it('is null without milestones (the item keeps its own percent)', () => {
    expect(itemProgressFromMilestones([])).toBeNull();
  });

  it('clamps stray percents and treats zero weights as equal weights', () => {
    expect(itemProgressFromMilestones([{ weight: 1, percent: 150 }])).toBe(100);
    expect(itemProgressFromMilestones([{ weight: 0, percent: 40 }, { weight: 0, percent: 60 }])).toBe(50);
  });

  it('is 100 only when every milestone is complete', () => {
    expect(itemProgressFromMilestones([{ weight: 99, percent: 100 }, { weight: 1, percent: 99.99 }])).toBeLessThan(100);
    expect(itemProgressFromMilestones([{ weight: 99, percent: 100 }, { weight: 1, percent: 100 }])).toBe(100);
  });
});

describe('plan roll-up', () => {
  it('weighs items by approved budget, or requested while not approved', () => {
    // approved 3M at 40% and requested (unapproved) 1M at 100% → (120 + 100) / 4 = 55
    expect(rollUp([item(40, 5_000_000_00n, 3_000_000_00n), item(100, 1_000_000_00n)]).percent).toBe(55);
    expect(budgetWeight(item(0, 10n, 0n))).toBe(0n);
  });

  it('leaves cancelled items out of progress and money, but counts them', () => {
    const r = rollUp([item(50, 100n, 100n, 'in_progress', 30n), item(0, 900n, 900n, 'cancelled', 0n)]);
    expect(r).toMatchObject({ percent: 50, items: 1, cancelled: 1, requestedSatang: 100n, approvedSatang: 100n, disbursedSatang: 30n });
    expect(r.byStatus).toMatchObject({ in_progress: 1, cancelled: 1 });
  });

  it('uses equal weights when every budget is zero, and null with nothing live', () => {
    expect(rollUp([item(20, 0n), item(60, 0n, 0n)]).percent).toBe(40);
    expect(rollUp([]).percent).toBeNull();
    expect(rollUp([item(80, 10n, 10n, 'cancelled')]).percent).toBeNull();
  });

  it('stays exact with budgets in the billions of baht', () => {
    const r = rollUp([item(33.33, 9_000_000_000_00n, 9_000_000_000_00n), item(66.67, 9_000_000_000_00n, 9_000_000_000_00n)]);
    expect(r.percent).toBe(50);
    expect(r.approvedSatang).toBe(18_000_000_000_00n);
  });
});

describe('district roll-up', () => {
  it('weighs the district office items and the department items in its communities together', () => {
    const office = [item(100, 1_000n, 1_000n)];
    const departments = [item(0, 3_000n, 3_000n)];
    const r = districtRollup(office, departments);
    expect(r.percent).toBe(25);
    expect(r.districtOffice.percent).toBe(100);
    expect(r.departments.percent).toBe(0);
    expect(r.items).toBe(2);
  });

  it('is null for a district with no plans', () => {
    expect(districtRollup([], []).percent).toBeNull();
  });
});

describe('the ceiling', () => {
  it('says how much remains, or by how much it is over', () => {
    expect(checkCeiling(1_000n, 800n, 700n)).toEqual({ ceilingSatang: 1_000n, remainingSatang: 300n, overBySatang: 0n, approvedOverCeiling: false, requestedOverCeiling: false });
    expect(checkCeiling(1_000n, 1_600n, 1_100n)).toMatchObject({ remainingSatang: -100n, overBySatang: 100n, approvedOverCeiling: true, requestedOverCeiling: true });
    expect(checkCeiling(1_000n, 0n, 1_000n).approvedOverCeiling).toBe(false);
  });

  it('without a ceiling nothing is over', () => {
    expect(checkCeiling(null, 10n ** 12n, 10n ** 12n)).toMatchObject({ ceilingSatang: null, remainingSatang: null, approvedOverCeiling: false });
  });
});

describe('rounding never finishes unfinished work', () => {
  it('a plan with a big completed item and a tiny unfinished one is not 100%', () => {
    expect(rollUp([item(100, 10n ** 12n, 10n ** 12n, 'completed'), item(0, 1n, 1n)]).percent).toBe(99.99);
    expect(rollUp([item(100, 5n, 5n, 'completed'), item(100, 5n, 5n, 'completed')]).percent).toBe(100);
  });
});
