import { describe, expect, it } from 'vitest';
import { judgeOverload, type OverloadPhase } from './overload.ts';

const phase = (over: Partial<OverloadPhase>): OverloadPhase => ({
  connections: 512, seconds: 3, offeredPerSecond: 2000, okPerSecond: 190, statuses: { 201: 570, 503: 5400 }, retryAfter: 5400,
  socketErrors: 0, timeouts: 0, okLatencyMs: { p50: 100, p95: 200, p99: 300, max: 400, mean: 120 },
  timeline: [{ ok: 190, shed: 1800, other: 0 }, { ok: 190, shed: 1800, other: 0 }, { ok: 190, shed: 1800, other: 0 }],
  serverCpuPercent: 150, serverPeakRssMb: 230, ...over,
});
const calm = phase({ connections: 32, offeredPerSecond: null, statuses: { 201: 600 }, retryAfter: 0, timeline: [{ ok: 120, shed: 0, other: 0 }, { ok: 200, shed: 0, other: 0 }, { ok: 200, shed: 0, other: 0 }] });

describe('judging an overload run', () => {
  it('passes a flood that was refused with Retry-After, kept serving and recovered', () => {
    const { target, secondsToRecover } = judgeOverload(200, phase({}), calm);
    expect(target.met).toBe(true);
    expect(secondsToRecover).toBe(1);
    expect(target.measured).toContain('5,400 × 503 with Retry-After on all');
    expect(target.measured).toContain('back to ≥ 80 % in 2 s');
  });

  it('fails when nothing was refused: the flood never reached a limit', () => {
    const { target } = judgeOverload(200, phase({ statuses: { 201: 570 }, retryAfter: 0 }), calm);
    expect(target.met).toBe(false);
    expect(target.measured).toContain('nothing was refused');
  });

  it('fails on refusals without Retry-After, dropped sockets, timeouts or other 5xx', () => {
    expect(judgeOverload(200, phase({ retryAfter: 10 }), calm).target.measured).toContain('5390 refusals without Retry-After');
    expect(judgeOverload(200, phase({ socketErrors: 3 }), calm).target.met).toBe(false);
    expect(judgeOverload(200, phase({ timeouts: 1 }), calm).target.met).toBe(false);
    expect(judgeOverload(200, phase({ statuses: { 201: 570, 503: 5400, 500: 2 } }), calm).target.measured).toContain('2 failures other than 503');
  });

  it('fails when it served little while flooded or did not come back', () => {
    expect(judgeOverload(200, phase({ okPerSecond: 40 }), calm).target.measured).toContain('served only 40/s');
    const stuck = phase({ connections: 32, timeline: [{ ok: 10, shed: 100, other: 0 }, { ok: 20, shed: 100, other: 0 }] });
    expect(judgeOverload(200, phase({}), stuck).target.measured).toContain('did not come back');
  });

  it('fails when refusals continue after throughput came back', () => {
    const flaky = phase({ connections: 32, timeline: [{ ok: 200, shed: 0, other: 0 }, { ok: 200, shed: 50, other: 0 }] });
    expect(judgeOverload(200, phase({}), flaky).target.measured).toContain('50 refusals after recovering');
  });
});
