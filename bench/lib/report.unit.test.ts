import { describe, expect, it } from 'vitest';
import { markdownBlock, plot, type BenchResults, type WorkloadResult } from './report.ts';
import { percentiles } from './stats.ts';
import { bucketBounds, bucketOf, medianHours } from '../../server/modules/transparency/transparency.histogram.ts';

const workload = (id: string, perSecond: number, p99: number): WorkloadResult => ({
  id, name: id, request: 'GET /', connections: 4, requests: perSecond * 10, seconds: 10, perSecond,
  latencyMs: { p50: p99 / 3, p95: p99 / 2, p99, max: p99 * 2, mean: p99 / 3 }, serverMs: null, serverWithin5ms: null,
  errors: 0, statuses: { 200: perSecond * 10, 503: 3 }, serverCpuPercent: 90, postgresCpuPercent: 40, loadgenCpuPercent: 20, serverPeakRssMb: 200,
});

const results: BenchResults = {
  at: '2026-11-27T20:00:00.000Z', label: 'embedded', quick: false,
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 24, node: 'v20.0.0', os: 'Linux' },
  database: { version: 'PostgreSQL 18.4', kind: 'embedded', reports: 1_000_000, timelineEvents: 5_000_000, sizeMb: 1600, settings: {} },
  settings: { seconds: 20, warmupSeconds: 5, logLevel: 'warn', serverPoolSize: 20, nodeOptions: null },
  ceilings: { http: workload('ceiling-http', 20000, 6), database: workload('ceiling-db', 12000, 5) },
  workloads: [{ ...workload('W4', 300, 80), target: { text: 'p99 ≤ 50 ms', met: false, measured: 'p99 80 ms' } }],
  import: null, quality: null,
  memory: { serverPeakRssMb: 240, target: { text: 'RSS ≤ 300 MB', met: true, measured: 'peak 240 MB' } },
  web: null,
};

describe('benchmark reporting', () => {
  it('tabulates every workload with its target, counting refusals as errors', () => {
    const text = markdownBlock(results);
    expect(text).toContain('| W4 | 4 | 300 |');
    expect(text).toContain('p99 ≤ 50 ms (p99 80 ms) | ❌');
    expect(text).toMatch(/\| W4 .*\| 3 \|/);
    expect(text).toContain('1,000,000 reports');
  });

  it('plots bars for each run, on log scales', () => {
    const svg = plot([{ kind: 'embedded', label: 'PG 18 (embedded)', rows: [{ id: 'W2', perSecond: 600, p99: 170 }] }, { kind: 'external', label: 'PG 15 (external)', rows: [{ id: 'W2', perSecond: 900, p99: 90 }] }]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)?.length).toBeGreaterThanOrEqual(4);
    expect(svg).toContain('W2 PG 15 (external): 900 /s');
  });

  it('takes exact percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(values)).toMatchObject({ p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentiles([])).toMatchObject({ p50: 0, p99: 0 });
  });
});

describe('figure histograms (pure)', () => {
  it('each bucket is at most 12.5 % wide and holds what falls in it', () => {
    for (const seconds of [59, 60, 90, 3600, 86_400 * 3, 86_400 * 400]) {
      const [low, high] = bucketBounds(bucketOf(seconds));
      expect(seconds / 60).toBeGreaterThanOrEqual(low);
      expect(seconds / 60).toBeLessThan(high);
      if (low >= 1) expect((high - low) / low).toBeLessThanOrEqual(0.125);
    }
    expect(medianHours([], 0)).toBeNull();
  });
});
