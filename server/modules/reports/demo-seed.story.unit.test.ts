import { describe, expect, it } from 'vitest';
import type { ReportState } from '../../platform/db/schema.ts';
import { CLOSE_MIX, describeProblem, planStory, SEED_WINDOW_DAYS, STATE_MIX, weighted, type Rng, type StoryInput } from './demo-seed.story.ts';
import type { CloseReason } from './reports.states.ts';

/** Deterministic generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = new Date('2026-06-01T00:00:00Z');
const input = (state: ReportState, extra: Partial<StoryInput> = {}): StoryInput => ({
  state, closeReason: state === 'closed' ? 'not_our_responsibility' : null, categoryCode: 'road', firstResponseHours: 48, fixHours: 240,
  forwarded: false, coowned: false, reopened: false, rated: false, ...extra,
});

describe('planStory', () => {
  it('keeps every timeline in order, inside the window and never in the future', () => {
    const rng = seeded(7);
    const states: ReportState[] = ['received', 'in_progress', 'fixed', 'closed'];
    const reasons = Object.keys(CLOSE_MIX) as CloseReason[];
    for (let i = 0; i < 2000; i++) {
      const state = states[i % 4]!;
      const story = planStory(rng, NOW, input(state, {
        closeReason: state === 'closed' ? reasons[i % reasons.length]! : null,
        forwarded: i % 5 === 0, coowned: i % 7 === 0, reopened: i % 11 === 0, rated: i % 2 === 0,
      }));
      const times = story.steps.map((s) => s.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times.at(-1)!).toBeLessThanOrEqual(NOW.getTime());
      expect(story.createdAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - (SEED_WINDOW_DAYS + 1) * 86_400_000);
      expect(story.updatedAt).toEqual(story.steps.at(-1)!.at);
      expect(story.steps.slice(0, 2).map((s) => s.kind)).toEqual(['created', 'routed']);
    }
  });

  it('sets the fields each state implies', () => {
    const rng = seeded(11);
    const received = planStory(rng, NOW, input('received'));
    expect(received).toMatchObject({ firstResponseAt: null, fixedAt: null, closedAt: null, rating: null });

    const forwarded = planStory(rng, NOW, input('received', { forwarded: true }));
    expect(forwarded.steps.map((s) => s.kind)).toEqual(['created', 'routed', 'forwarded']);
    expect(forwarded.firstResponseAt).toEqual(forwarded.steps[2]!.at);

    const fixed = planStory(rng, NOW, input('fixed', { reopened: true }));
    expect(fixed.steps.filter((s) => s.kind === 'fixed')).toHaveLength(2);
    expect(fixed.reopenCount).toBe(1);
    expect(fixed.fixedAt).toEqual(fixed.steps.filter((s) => s.kind === 'fixed').at(-1)!.at);

    const reopened = planStory(rng, NOW, input('in_progress', { reopened: true, coowned: true }));
    expect(reopened).toMatchObject({ fixedAt: null, reopenCount: 1 });
    expect(reopened.steps.map((s) => s.kind)).toContain('coowner_invited');
    expect(['invited', 'in_progress']).toContain(reopened.coownerStatus);

    const withdrawn = planStory(rng, NOW, input('closed', { closeReason: 'withdrawn' }));
    expect(withdrawn.steps.at(-1)!.kind).toBe('withdrawn');
    expect(withdrawn.firstResponseAt).toBeNull();
    expect(withdrawn.closedAt).not.toBeNull();
  });

  it('rates only some fixed reports, skewed to 4 and 5 stars', () => {
    const rng = seeded(3);
    const ratings = Array.from({ length: 3000 }, () => planStory(rng, NOW, input('fixed', { rated: true })).rating).filter((r) => r !== null);
    expect(ratings.length).toBeGreaterThan(2000);
    for (const r of ratings) expect([1, 2, 3, 4, 5]).toContain(r);
    const high = ratings.filter((r) => r! >= 4).length / ratings.length;
    expect(high).toBeGreaterThan(0.65);
  });

  it('leaves about a fifth of open reports overdue', () => {
    const rng = seeded(5);
    let overdue = 0;
    for (let i = 0; i < 2000; i++) {
      const s = planStory(rng, NOW, input('received'));
      if (NOW.getTime() - s.createdAt.getTime() > 48 * 3600_000) overdue += 1;
    }
    expect(overdue / 2000).toBeGreaterThan(0.12);
    expect(overdue / 2000).toBeLessThan(0.3);
  });
});

describe('weighted and describeProblem', () => {
  it('picks by weight', () => {
    const rng = seeded(1);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const s = weighted(rng, STATE_MIX);
      counts[s] = (counts[s] ?? 0) + 1;
    }
    expect(counts.fixed! / 10_000).toBeCloseTo(0.35, 1);
    expect(counts.closed! / 10_000).toBeCloseTo(0.1, 1);
  });

  it('writes varied Thai text with every placeholder filled', () => {
    const rng = seeded(9);
    const texts = Array.from({ length: 500 }, () => describeProblem(rng, 'road', 'บางรัก'));
    expect(new Set(texts).size).toBeGreaterThan(450);
    for (const t of texts) {
      expect(t).not.toMatch(/[{}]/);
      expect(t).not.toMatch(/\s{2}|^\s|\s$/);
      expect(t).not.toContain('นะค่ะ');
      expect(t).not.toContain('ข้อมูลตัวอย่าง');
    }
    expect(describeProblem(seeded(2), 'unknown-category', 'บางรัก').length).toBeGreaterThan(10);
  });
});
