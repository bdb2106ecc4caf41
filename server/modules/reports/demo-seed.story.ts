/**
 * The pure half of the demo seed: what happened to one demo report and when, and what
 * its reporter wrote. No database here, so the shape of the demo data (state mix,
 * timestamps in order, nothing in the future) is checked without one.
 */
import type { ReportState } from '../../platform/db/schema.ts';
import type { CloseReason } from './reports.states.ts';
import {
  CLOSE_NOTES, DURATIONS, FIX_NOTES, GENERIC_FIX_NOTES, GENERIC_IMPACTS, GENERIC_PROBLEMS, IMPACTS, PARTICLES, PLACES,
  PLACES_BY_CATEGORY, PROBLEMS, RATING_COMMENTS, REOPEN_REASONS, REQUESTS,
} from './demo-seed.phrases.ts';

export type Rng = () => number;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: Rng, low: number, high: number) => low + rng() * (high - low);

/** Picks a key with probability proportional to its weight. */
export function weighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng() * total;
  for (const [key, w] of entries) {
    roll -= w;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/** Roughly how a year of Bangkok reports splits by state once the backlog settles. */
export const STATE_MIX = { received: 25, in_progress: 30, fixed: 35, closed: 10 } as const satisfies Record<ReportState, number>;

export const CLOSE_MIX = {
  not_our_responsibility: 35, duplicate: 20, cannot_fix: 15, withdrawn: 15, invalid: 15,
} as const satisfies Record<CloseReason, number>;

/**
 * Shares close to Traffy Fondue's public counts for Bangkok: roads, footpaths, safety,
 * cleanliness and lighting lead; rarer categories still appear so every page has data.
 */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  road: 20, sidewalk: 11, safety: 9, cleanliness: 9, lighting: 8, drain: 7, obstruction: 7, flooding: 5, trees: 4,
  traffic: 3, noise: 3, complaint: 3, overhead_wires: 3, signage: 2, stray_animals: 2, bridge: 2, canal: 2,
  traffic_sign: 1.5, homeless: 1, pm25: 1, toilets: 0.7, transport: 0.7, inquiry: 0.6, suggestion: 0.6,
};

/** People who bother to rate are mostly pleased; the unhappy few rate low. */
export const RATING_MIX = { '5': 45, '4': 30, '3': 12, '2': 6, '1': 7 } as const;

export const CHANNEL_MIX = { web: 45, line: 35, call_centre: 12, facebook: 8 } as const;

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
export const SEED_WINDOW_DAYS = 180;
/** Share of open demo reports past their response or fix target. */
const OVERDUE_SHARE = 0.2;

/** A report's text: problem, place, sometimes how long and who it hurts, then a request. */
export function describeProblem(rng: Rng, categoryCode: string, districtName: string): string {
  const fill = (s: string, particle: string) =>
    s.replaceAll('{n}', String(1 + Math.floor(rng() * 80))).replaceAll('{district}', districtName).replaceAll('{p}', particle).trim();
  const particle = pick(rng, PARTICLES);
  const problem = pick(rng, PROBLEMS[categoryCode] ?? GENERIC_PROBLEMS);
  const place = pick(rng, PLACES_BY_CATEGORY[categoryCode] ?? PLACES);
  const duration = rng() < 0.6 ? pick(rng, DURATIONS) : '';
  const impact = rng() < 0.55 ? pick(rng, [...(IMPACTS[categoryCode] ?? []), ...GENERIC_IMPACTS]) : '';
  const request = pick(rng, REQUESTS);
  const parts = rng() < 0.5
    ? [`${problem}${problem.endsWith('ๆ') ? ' ' : ''}${place.startsWith('ใน') || place.startsWith('ที่') ? '' : 'ที่'}${place}`, duration, impact, request]
    : [place, `${problem}${duration ? ` ${duration}` : ''}`, impact, request];
  // "นะ" takes คะ, not ค่ะ, in a woman's polite request.
  return fill(parts.filter((p) => p !== '').join(' '), particle).replace(/\s+/g, ' ').replaceAll('นะค่ะ', 'นะคะ');
}

export type StepKind =
  | 'created' | 'routed' | 'forwarded' | 'accepted' | 'assigned' | 'coowner_invited' | 'coowner_status'
  | 'fixed' | 'reopened' | 'rated' | 'closed' | 'withdrawn';

export interface Step {
  kind: StepKind;
  at: Date;
  note: string | null;
}

export interface StoryInput {
  state: ReportState;
  closeReason: CloseReason | null;
  categoryCode: string;
  firstResponseHours: number;
  fixHours: number;
  forwarded: boolean;
  coowned: boolean;
  reopened: boolean;
  rated: boolean;
  /** A duplicate is filed after the report it repeats. */
  notBefore?: Date;
  /** When it was filed, if the caller models time itself (the benchmark data does). */
  filedAt?: Date;
}

export interface Story {
  createdAt: Date;
  firstResponseAt: Date | null;
  fixedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  coownerStatus: 'invited' | 'in_progress' | 'done' | null;
  steps: Step[];
}

/**
 * When the report was filed. Open reports are mostly inside their targets, with a
 * share past them so the overdue views have something to show; settled ones spread
 * over the whole window.
 */
function filedAt(rng: Rng, now: number, input: StoryInput): number {
  if (input.filedAt) return Math.min(input.filedAt.getTime(), now - 60_000);
  if (input.notBefore) return Math.min(input.notBefore.getTime() + between(rng, 1, 120) * HOUR, now - HOUR);
  const overdue = rng() < OVERDUE_SHARE;
  const window = SEED_WINDOW_DAYS * DAY;
  switch (input.state) {
    case 'received': {
      const target = input.firstResponseHours * HOUR;
      return now - Math.min(window, overdue ? between(rng, 1.2, 6) * target : between(rng, 0.02, 0.9) * target);
    }
    case 'in_progress': {
      const target = input.fixHours * HOUR;
      return now - Math.min(window, overdue ? between(rng, 1.05, 3) * target : between(rng, 0.1, 0.95) * target);
    }
    default:
      return now - between(rng, 1, SEED_WINDOW_DAYS) * DAY;
  }
}

/**
 * One report's history, in order and never in the future: filed, routed, maybe
 * forwarded, accepted (most on time, some late), maybe shared with a co-owner, then
 * fixed (maybe reopened and fixed again, maybe rated) or closed with a reason.
 */
export function planStory(rng: Rng, nowDate: Date, input: StoryInput): Story {
  const now = nowDate.getTime();
  // Each step comes after the previous one and no later than a minute ago.
  let t = filedAt(rng, now, input);
  const createdAt = new Date(t);
  const after = (ms: number) => {
    t = Math.max(t, Math.min(t + ms, now - 60_000));
    return new Date(t);
  };
  const steps: Step[] = [{ kind: 'created', at: createdAt, note: null }, { kind: 'routed', at: createdAt, note: null }];
  const story: Story = {
    createdAt, firstResponseAt: null, fixedAt: null, closedAt: null, updatedAt: createdAt, rating: null, ratingComment: null,
    reopenCount: 0, coownerStatus: null, steps,
  };
  const respondDelay = () => input.firstResponseHours * HOUR * (rng() < 0.8 ? between(rng, 0.05, 1) : between(rng, 1, 3));
  const fixDelay = () => input.fixHours * HOUR * (rng() < 0.75 ? between(rng, 0.05, 0.9) : between(rng, 0.9, 2));
  const respond = (kind: StepKind, at: Date, note: string | null = null) => {
    steps.push({ kind, at, note });
    story.firstResponseAt ??= at;
  };

  if (input.forwarded) respond('forwarded', after(between(rng, 0.3, 0.8) * input.firstResponseHours * HOUR));
  if (input.state === 'received') return finish(story);

  if (input.state === 'closed') {
    const reason = input.closeReason!;
    if (reason === 'withdrawn') {
      story.closedAt = after(between(rng, 2, 96) * HOUR);
      steps.push({ kind: 'withdrawn', at: story.closedAt, note: pick(rng, CLOSE_NOTES.withdrawn!) });
      return finish(story);
    }
    if (rng() < 0.5) respond('accepted', after(respondDelay()));
    story.closedAt = after(rng() < 0.5 ? respondDelay() : between(rng, 1, 72) * HOUR);
    respond('closed', story.closedAt, pick(rng, CLOSE_NOTES[reason]!));
    return finish(story);
  }

  respond('accepted', after(respondDelay()));
  // Some accepted work still waits in the agency queue for a named officer.
  if (rng() < 0.85) steps.push({ kind: 'assigned', at: after(between(rng, 0.1, 4) * HOUR), note: null });
  if (input.coowned) {
    steps.push({ kind: 'coowner_invited', at: after(between(rng, 1, 48) * HOUR), note: null });
    story.coownerStatus = input.state === 'fixed' ? 'done' : rng() < 0.6 ? 'in_progress' : 'invited';
    if (story.coownerStatus !== 'invited') steps.push({ kind: 'coowner_status', at: after(between(rng, 2, 72) * HOUR), note: null });
  }
  const fixNote = () => pick(rng, FIX_NOTES[input.categoryCode] ?? GENERIC_FIX_NOTES);
  if (input.reopened) {
    steps.push({ kind: 'fixed', at: after(fixDelay()), note: fixNote() });
    steps.push({ kind: 'reopened', at: after(between(rng, 1, 10) * DAY), note: pick(rng, REOPEN_REASONS) });
    story.reopenCount = 1;
  }
  if (input.state === 'fixed') {
    story.fixedAt = after(fixDelay());
    steps.push({ kind: 'fixed', at: story.fixedAt, note: fixNote() });
    if (input.rated) {
      const at = t + between(rng, 2, 72) * HOUR;
      if (at < now) {
        story.rating = Number(weighted(rng, RATING_MIX));
        story.ratingComment = rng() < 0.4 ? pick(rng, RATING_COMMENTS[story.rating]!) : null;
        steps.push({ kind: 'rated', at: after(at - t), note: story.ratingComment });
      }
    }
  }
  return finish(story);
}

function finish(story: Story): Story {
  story.updatedAt = story.steps[story.steps.length - 1]!.at;
  return story;
}
