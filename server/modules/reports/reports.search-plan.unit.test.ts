import { describe, expect, it } from 'vitest';
import { countWalkBudget, estimate, monthWalkPays, MONTHS_OVER_WALK, NO_STATS, pageWalkBudget, queryWords, scopeOf, searchMonth, walkLength, type SearchStats } from './reports.search-plan.ts';

const now = new Date('2026-11-27T12:00:00Z');
const stats: SearchStats = {
  ...NO_STATS,
  rows: 1_000_000,
  words: new Map([
    ['หน้า', 0.5], ['sfixed:หน้า', 0.37], ['ถนน', 0.35], ['d1040:ถนน', 0.012], ['c20:ถนน', 0.0001], ['ฝุ่น', 0.0022],
  ]),
  rareBelow: 0.0005,
  district: new Map([[1040, 0.034]]),
  category: new Map([['20', 0.0043], ['1', 0.3]]),
  state: new Map([['fixed', 0.74], ['received', 0.01]]),
  categoryIds: new Map([['toilets', '20'], ['road', '1']]),
};

describe('search plan', () => {
  it('scopes by the most selective filter that has a scope', () => {
    expect(scopeOf({ district: 1040, category: 'road', states: ['received'] })).toEqual({ kind: 'district', prefix: 'd1040:' });
    expect(scopeOf({ category: 'road', states: ['received', 'in_progress'] })).toEqual({ kind: 'states', prefixes: ['sreceived:', 'sin_progress:'] });
    expect(scopeOf({ category: 'road', states: ['fixed'] })).toEqual({ kind: 'category' });
    expect(scopeOf({ from: new Date('2026-09-01T00:00:00Z') }, now)).toEqual({ kind: 'months', from: new Date('2026-09-01T00:00:00Z') });
    expect(scopeOf({ from: new Date('2020-01-01T00:00:00Z') }, now)).toEqual({ kind: 'none' });
    expect(scopeOf({ states: ['fixed'] })).toEqual({ kind: 'none' });
  });

  it('months count as migration 0018 does (UTC)', () => {
    expect(searchMonth(new Date('2026-11-30T23:59:59Z'))).toBe(2026 * 12 + 10);
    expect(searchMonth(new Date('2026-12-01T00:00:00Z'))).toBe(2026 * 12 + 11);
  });

  it('reads the words of a query back, quotes undone', () => {
    expect(queryWords("'ถนน' & 'หลุม'")).toEqual(['ถนน', 'หลุม']);
    expect(queryWords("'it''s' & 'a\\\\b'")).toEqual(["it's", 'a\\b']);
  });

  it('walks for a common word, asks the index for a rare one or a word foreign to the filter', () => {
    const common = estimate(stats, { tsquery: "'หน้า'", states: ['fixed'] }, now);
    expect(pageWalkBudget(common, 20)).toBeGreaterThan(0);
    expect(countWalkBudget(common, 1000)).toBeGreaterThan(0);
    const rare = estimate(stats, { tsquery: "'ฝุ่น'", states: ['fixed'] }, now);
    expect(pageWalkBudget(rare, 20)).toBe(0);
    expect(countWalkBudget(rare, 1000)).toBe(0);
    const foreign = estimate(stats, { tsquery: "'ถนน'", category: 'toilets' }, now);
    expect(foreign.matches).toBeLessThan(200);
    expect(countWalkBudget(foreign, 1000)).toBe(0);
  });

  it('searches month by month for a common word under a filter without a scope of its own', () => {
    expect(monthWalkPays(stats, { tsquery: "'หน้า'", states: ['fixed'] }, 1000, now)).toBe(true);
    expect(monthWalkPays(stats, { tsquery: "'หน้า'", from: new Date('2026-09-01T00:00:00Z') }, 20, now)).toBe(true);
    // Rare words: the index finds every match at once.
    expect(monthWalkPays(stats, { tsquery: "'ฝุ่น'", states: ['fixed'] }, 1000, now)).toBe(false);
    // Filters with a scope, and a plain search, keep their paths.
    expect(monthWalkPays(stats, { tsquery: "'หน้า'", district: 1040, states: ['fixed'] }, 20, now)).toBe(false);
    expect(monthWalkPays(stats, { tsquery: "'หน้า'", states: ['received'] }, 20, now)).toBe(false);
    expect(monthWalkPays(stats, { tsquery: "'หน้า'" }, 20, now)).toBe(false);
  });

  it('a word rarer than every listed one gets a short probe walk and an index count', () => {
    // 'ฝุ่น' is listed plain but not scoped to the toilets category: its share there is a guess.
    const unlisted = estimate(stats, { tsquery: "'ฝุ่น'", category: 'toilets' }, now);
    expect(unlisted.guessed).toBe(true);
    expect(pageWalkBudget(unlisted, 20)).toBe(200);
    expect(countWalkBudget(unlisted, 1000)).toBe(0);
    // Listed words are not guesses; a guess needs statistics to guess against.
    expect(estimate(stats, { tsquery: "'ถนน'", district: 1040 }, now).guessed).toBe(false);
    expect(estimate(NO_STATS, { tsquery: "'x'", category: 'toilets' }, now).guessed).toBe(false);
  });

  it('a walk expected to read more than the month windows would goes to them', () => {
    const common = estimate(stats, { tsquery: "'หน้า'", states: ['fixed'] }, now);
    expect(walkLength(common, 20)).toBeLessThan(MONTHS_OVER_WALK);
    const rarer = estimate(stats, { tsquery: "'ฝุ่น'", states: ['fixed'] }, now);
    expect(walkLength(rarer, 20)).toBeGreaterThan(MONTHS_OVER_WALK);
  });

  it('without statistics every path is allowed and bounded', () => {
    const e = estimate(NO_STATS, { tsquery: "'x'" }, now);
    expect(Number.isFinite(pageWalkBudget(e, 20))).toBe(true);
    expect(pageWalkBudget(e, 20)).toBeLessThanOrEqual(20_000);
  });
});
