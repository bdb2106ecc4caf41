/**
 * The accountability funnel as plain arithmetic: submitted → accepted → in a plan →
 * funded → delivered, each with a count of proposals and money in satang (bigint, never
 * a float). The repository classifies and sums rows in SQL; this file turns its strings
 * into numbers, adds groups into totals and presents the five steps.
 */

export const FUNNEL_STEPS = ['submitted', 'accepted', 'in_plan', 'funded', 'delivered'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface Funnel {
  counts: Record<FunnelStep, number>;
  satang: Record<FunnelStep, bigint>;
  /** Everything disbursed on the proposals' plan items so far, delivered or not. */
  disbursedSatang: bigint;
  includesDemo: boolean;
}

/** One aggregated row as the database returns it: counts as numbers, sums as text. */
export interface FunnelRow {
  submitted: number;
  submitted_satang: string;
  accepted: number;
  accepted_satang: string;
  in_plan: number;
  in_plan_satang: string;
  funded: number;
  funded_satang: string;
  delivered: number;
  delivered_satang: string;
  disbursed_satang: string;
  includes_demo: boolean;
}

export function emptyFunnel(): Funnel {
  return {
    counts: { submitted: 0, accepted: 0, in_plan: 0, funded: 0, delivered: 0 },
    satang: { submitted: 0n, accepted: 0n, in_plan: 0n, funded: 0n, delivered: 0n },
    disbursedSatang: 0n,
    includesDemo: false,
  };
}

function toSatang(text: string | null | undefined): bigint {
  return text === null || text === undefined || text === '' ? 0n : BigInt(text);
}

/** A group with nothing counted (a left join) has nulls: they read as zero. */
export type FunnelRowOrEmpty = { [K in keyof FunnelRow]: FunnelRow[K] | null };

export function funnelFromRow(row: FunnelRowOrEmpty): Funnel {
  const f = emptyFunnel();
  for (const step of FUNNEL_STEPS) {
    f.counts[step] = Number(row[step] ?? 0);
    f.satang[step] = toSatang(row[`${step}_satang`]);
  }
  f.disbursedSatang = toSatang(row.disbursed_satang);
  f.includesDemo = Boolean(row.includes_demo);
  return f;
}

export function addFunnels(a: Funnel, b: Funnel): Funnel {
  const sum = emptyFunnel();
  for (const step of FUNNEL_STEPS) {
    sum.counts[step] = a.counts[step] + b.counts[step];
    sum.satang[step] = a.satang[step] + b.satang[step];
  }
  sum.disbursedSatang = a.disbursedSatang + b.disbursedSatang;
  sum.includesDemo = a.includesDemo || b.includesDemo;
  return sum;
}

export function sumFunnels(funnels: Funnel[]): Funnel {
  return funnels.reduce(addFunnels, emptyFunnel());
}

export interface PresentedStep {
  step: FunnelStep;
  count: number;
  satang: string;
  /** This step's count over the previous step's (0..1, three decimals); null for the first step or after zero. */
  share_of_previous: number | null;
}

export function presentSteps(f: Funnel): PresentedStep[] {
  return FUNNEL_STEPS.map((step, i) => {
    const previous = i === 0 ? null : f.counts[FUNNEL_STEPS[i - 1]!];
    return {
      step,
      count: f.counts[step],
      satang: f.satang[step].toString(),
      share_of_previous: previous ? Math.round((f.counts[step] / previous) * 1000) / 1000 : null,
    };
  });
}

/**
 * How far one (sent) proposal got, by the same rules the funnel counts with: the story
 * page and the funnel never disagree about a proposal.
 */
export function stepsReached(p: {
  state: string;
  item: { status: string; budgetApprovedSatang: bigint | null } | null;
}): FunnelStep[] {
  const reached: FunnelStep[] = ['submitted'];
  if (p.state === 'accepted') reached.push('accepted');
  const live = p.item && p.item.status !== 'cancelled' ? p.item : null;
  if (live) {
    reached.push('in_plan');
    if ((live.budgetApprovedSatang ?? 0n) > 0n) reached.push('funded');
    if (live.status === 'completed') reached.push('delivered');
  }
  return reached;
}
