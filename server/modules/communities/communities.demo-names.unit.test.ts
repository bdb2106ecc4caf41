import { describe, expect, it } from 'vitest';
import { communityName, kindShares, personName, seededRng, weighted } from './communities.demo-names.ts';

describe('demo names', () => {
  it('are the same for the same seed', () => {
    const a = seededRng(1004);
    const b = seededRng(1004);
    expect(Array.from({ length: 5 }, () => communityName(a, new Set()))).toEqual(Array.from({ length: 5 }, () => communityName(b, new Set())));
  });

  it('never repeat a name already taken in the district, even for 200 communities', () => {
    const rng = seededRng(7);
    const taken = new Set<string>(['ชุมชนวัดทองสุข']);
    const names = Array.from({ length: 200 }, () => communityName(rng, taken));
    expect(new Set(names).size).toBe(200);
    expect(names).not.toContain('ชุมชนวัดทองสุข');
    for (const name of names) expect(name).toMatch(/^ชุมชน/);
  });

  it('gives people a title, a first name and a family name', () => {
    const rng = seededRng(1);
    for (let i = 0; i < 20; i++) expect(personName(rng)).toMatch(/^(นาย|นาง|นางสาว)\S+ \S+$/);
  });
});

describe('kinds', () => {
  it('lean crowded in the old city and suburban on the outskirts', () => {
    const share = (density: number, kind: string) => {
      const rng = seededRng(42);
      let n = 0;
      for (let i = 0; i < 2000; i++) if (weighted(rng, kindShares(density)) === kind) n += 1;
      return n / 2000;
    };
    expect(share(15_000, 'crowded')).toBeGreaterThan(0.4);
    expect(share(2_000, 'suburban')).toBeGreaterThan(0.45);
    expect(share(2_000, 'high_rise')).toBeLessThan(0.08);
  });

  it('shares add up to one', () => {
    for (const density of [20_000, 6_000, 1_000]) {
      expect(kindShares(density).reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 9);
    }
  });
});
