import { describe, expect, it } from 'vitest';
import { addFunnels, emptyFunnel, funnelFromRow, presentSteps, stepsReached, sumFunnels, type FunnelRow } from './accountability.funnel.ts';

const row = (over: Partial<FunnelRow> = {}): FunnelRow => ({
  submitted: 10, submitted_satang: '1000', accepted: 6, accepted_satang: '600', in_plan: 4, in_plan_satang: '400',
  funded: 3, funded_satang: '300', delivered: 1, delivered_satang: '100', disbursed_satang: '150', includes_demo: false, ...over,
});

describe('funnel arithmetic', () => {
  it('reads database rows, nulls of empty groups as zero', () => {
    const f = funnelFromRow(row());
    expect(f.counts).toEqual({ submitted: 10, accepted: 6, in_plan: 4, funded: 3, delivered: 1 });
    expect(f.satang.in_plan).toBe(400n);
    const empty = funnelFromRow({ submitted: null, submitted_satang: null, accepted: null, accepted_satang: null, in_plan: null, in_plan_satang: null, funded: null, funded_satang: null, delivered: null, delivered_satang: null, disbursed_satang: null, includes_demo: null });
    expect(empty).toEqual(emptyFunnel());
  });

  it('adds money exactly as bigint, past what a double can hold', () => {
    const big = funnelFromRow(row({ submitted_satang: '9007199254740993' }));
    const sum = addFunnels(big, funnelFromRow(row({ submitted_satang: '1' })));
    expect(sum.satang.submitted).toBe(9007199254740994n);
    expect(sum.counts.submitted).toBe(20);
    expect(sum.disbursedSatang).toBe(300n);
  });

  it('a total is demo when any group is', () => {
    expect(sumFunnels([funnelFromRow(row()), funnelFromRow(row())]).includesDemo).toBe(false);
    expect(sumFunnels([funnelFromRow(row()), funnelFromRow(row({ includes_demo: true }))]).includesDemo).toBe(true);
    expect(sumFunnels([])).toEqual(emptyFunnel());
  });

  it('presents five steps in order, money as strings, shares of the previous step', () => {
    const steps = presentSteps(funnelFromRow(row()));
    expect(steps.map((s) => s.step)).toEqual(['submitted', 'accepted', 'in_plan', 'funded', 'delivered']);
    expect(steps.map((s) => s.share_of_previous)).toEqual([null, 0.6, 0.667, 0.75, 0.333]);
    expect(steps[0]!.satang).toBe('1000');
    // After a step with nobody in it there is no share, not a division by zero.
    expect(presentSteps(funnelFromRow(row({ accepted: 0, in_plan: 0 })))[2]!.share_of_previous).toBeNull();
  });
});

describe('steps one proposal reached', () => {
  it('follows the funnel rules', () => {
    expect(stepsReached({ state: 'under_review', item: null })).toEqual(['submitted']);
    expect(stepsReached({ state: 'accepted', item: null })).toEqual(['submitted', 'accepted']);
    expect(stepsReached({ state: 'accepted', item: { status: 'planned', budgetApprovedSatang: null } })).toEqual(['submitted', 'accepted', 'in_plan']);
    expect(stepsReached({ state: 'accepted', item: { status: 'funded', budgetApprovedSatang: 0n } })).toEqual(['submitted', 'accepted', 'in_plan']);
    expect(stepsReached({ state: 'accepted', item: { status: 'completed', budgetApprovedSatang: 5n } })).toEqual(['submitted', 'accepted', 'in_plan', 'funded', 'delivered']);
    expect(stepsReached({ state: 'accepted', item: { status: 'cancelled', budgetApprovedSatang: 5n } })).toEqual(['submitted', 'accepted']);
  });
});
