import { describe, expect, it } from 'vitest';
import { simplifyLine, simplifyRing } from './simplify.ts';

describe('simplifyLine', () => {
  it('drops points that lie on the line between their neighbours', () => {
    expect(simplifyLine([[0, 0], [1, 0], [2, 0], [3, 0]], 0.001)).toEqual([[0, 0], [3, 0]]);
  });

  it('keeps a bend larger than the tolerance and drops one smaller', () => {
    expect(simplifyLine([[0, 0], [1, 0.5], [2, 0]], 0.1)).toEqual([[0, 0], [1, 0.5], [2, 0]]);
    expect(simplifyLine([[0, 0], [1, 0.05], [2, 0]], 0.1)).toEqual([[0, 0], [2, 0]]);
  });

  it('keeps every point of a long curve when the tolerance is zero', () => {
    const arc = Array.from({ length: 20_000 }, (_, i) => [Math.cos(i / 10_000), Math.sin(i / 10_000)]);
    expect(simplifyLine(arc, 0)).toHaveLength(20_000);
  });

  it('returns copies, never the caller’s arrays', () => {
    const input = [[0, 0], [1, 1]];
    const output = simplifyLine(input, 1);
    output[0][0] = 9;
    expect(input[0][0]).toBe(0);
  });
});

describe('simplifyRing', () => {
  const square = [[0, 0], [0.5, 0], [1, 0], [1, 0.5], [1, 1], [0.5, 1], [0, 1], [0, 0.5], [0, 0]];

  it('reduces a square with midpoints to its four corners, still closed', () => {
    const simplified = simplifyRing(square, 0.01);
    expect(simplified).toHaveLength(5);
    expect(simplified[0]).toEqual(simplified[simplified.length - 1]);
    expect(simplified).toEqual(expect.arrayContaining([[0, 0], [1, 0], [1, 1], [0, 1]]));
  });

  it('never collapses a ring below a triangle', () => {
    const sliver = [[0, 0], [1, 0.00001], [2, 0], [1, -0.00001], [0, 0]];
    expect(simplifyRing(sliver, 1).length).toBeGreaterThanOrEqual(4);
  });
});
