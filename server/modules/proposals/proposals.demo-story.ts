/**
 * The steps a demo proposal went through, with plausible dates: decided proposals were
 * written months before the fiscal year they asked for; ones still in review were
 * written in the last weeks. Pure (a seeded random source in, a timeline out).
 */
import { fiscalYearRange } from '../../platform/time/fiscal-year.ts';
import type { ProposalState } from './proposals.tables.ts';

export type Rng = () => number;
export type Who = 'committee' | 'planner' | 'evaluator' | 'system';

export interface StoryStep {
  from: ProposalState | null;
  to: ProposalState;
  at: Date;
  who: Who;
  /** What kind of note the step carries; the seed writes the words. */
  note: 'none' | 'evaluator' | 'revision' | 'resubmitted' | 'returned' | 'accepted' | 'reason' | 'merged' | 'withdrawn';
}

export interface Story {
  steps: StoryStep[];
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  revision: number;
}

const DAY = 24 * 3600 * 1000;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** A weekday office hour in Bangkok (09:00–16:59, UTC+7), `days` after `from`. */
function later(rng: Rng, from: Date, days: number): Date {
  const d = new Date(from.getTime() + days * DAY);
  d.setUTCHours(2 + between(rng, 0, 7), between(rng, 0, 59), between(rng, 0, 59), 0);
  const weekday = new Date(d.getTime() + 7 * 3600 * 1000).getUTCDay();
  if (weekday === 6) return new Date(d.getTime() + 2 * DAY);
  if (weekday === 0) return new Date(d.getTime() + DAY);
  return d;
}

/** Decided before the fiscal year began; the rest (merges too: they follow their target) are recent. */
const DECIDED: readonly ProposalState[] = ['accepted', 'not_accepted'];

export function planStory(state: ProposalState, rng: Rng, opts: { now: Date; fiscalYear: number; withRevision?: boolean; lastNotBefore?: Date }): Story {
  const decided = DECIDED.includes(state);
  const base = decided
    ? new Date(fiscalYearRange(opts.fiscalYear).start.getTime() - between(rng, 120, 220) * DAY)
    : new Date(opts.now.getTime() - between(rng, 40, 60) * DAY);
  const steps: StoryStep[] = [];
  let at = later(rng, base, 0);
  const createdAt = at;
  const step = (from: ProposalState | null, to: ProposalState, who: Who, note: StoryStep['note'], days: [number, number] = [2, 9]) => {
    at = later(rng, at, between(rng, days[0], days[1]));
    steps.push({ from, to, at, who, note });
  };
  steps.push({ from: null, to: 'draft', at, who: 'committee', note: 'none' });
  let revision = 1;
  if (state !== 'draft') step('draft', 'submitted', 'committee', 'none', [3, 12]);
  const submittedAt = steps[1]?.at ?? null;
  if (state === 'withdrawn') step('submitted', 'withdrawn', 'committee', 'withdrawn');
  if (state === 'merged') step('submitted', 'merged', 'planner', 'merged');
  if (['under_review', 'revision_requested', 'accepted', 'not_accepted'].includes(state)) step('submitted', 'under_review', 'planner', 'evaluator');
  if (state === 'revision_requested') step('under_review', 'revision_requested', 'evaluator', 'revision');
  if (state === 'accepted' && opts.withRevision) {
    step('under_review', 'revision_requested', 'evaluator', 'revision');
    step('revision_requested', 'submitted', 'committee', 'resubmitted');
    revision = 2;
    steps.push({ from: 'submitted', to: 'under_review', at, who: 'system', note: 'returned' });
  }
  if (state === 'accepted') step('under_review', 'accepted', 'evaluator', 'accepted', [7, 25]);
  if (state === 'not_accepted') step('under_review', 'not_accepted', 'evaluator', 'reason', [7, 25]);
  // A merge comes after the proposal merged into was submitted.
  const last = steps.at(-1)!;
  if (opts.lastNotBefore && last.at <= opts.lastNotBefore) last.at = later(rng, opts.lastNotBefore, 1);
  // Nothing happens in the future.
  const cap = opts.now.getTime() - 3600 * 1000;
  for (const s of steps) if (s.at.getTime() > cap) s.at = new Date(cap);
  const final = decided || state === 'withdrawn' || state === 'merged';
  return { steps, createdAt, submittedAt, decidedAt: final ? steps.at(-1)!.at : null, revision };
}
