/**
 * The overload run (issue 6, "Scale-out and overload"): intake (W1) offered at ten
 * times the rate the same run measured as sustainable, from enough connections to get
 * past the server's in-flight limit, then the ordinary W1 load again at once. It shows
 * what a flood night does: the server keeps serving about what it can, refuses the rest
 * quickly with 503 + Retry-After (no dropped sockets, no timeouts, no other errors),
 * and is back to its normal throughput in the first seconds after the flood ends.
 */
import { watch } from './procstat.ts';
import type { LoadResult, Percentiles } from './loadgen.ts';
import type { Job, WorkloadInputs } from './workloads.ts';
import type { Target, WorkloadResult } from './report.ts';

/** Ten times the sustainable rate: the issue's definition of overload. */
export const OVERLOAD_FACTOR = 10;
/** Twice the server's default MAX_IN_FLIGHT (256), so the in-flight limit is what bites. */
const FLOOD_CONNECTIONS = 512;
/** Recovery counts as done when throughput is back to this share of the sustainable rate. */
const RECOVERED_SHARE = 0.8;

export interface OverloadPhase {
  connections: number;
  seconds: number;
  offeredPerSecond: number | null;
  okPerSecond: number;
  statuses: Record<string, number>;
  retryAfter: number;
  socketErrors: number;
  timeouts: number;
  okLatencyMs: Percentiles;
  timeline: LoadResult['timeline'];
  serverCpuPercent: number | null;
  serverPeakRssMb: number | null;
}

export interface OverloadResult {
  workload: 'W1';
  sustainablePerSecond: number;
  flood: OverloadPhase;
  recovery: OverloadPhase & { secondsToRecover: number | null };
  target: Target;
  summary: string;
}

type RunLoad = (job: Job) => Promise<{ result: LoadResult; cpuPercent: number }>;

async function phase(run: RunLoad, job: Job, watched: { single: Record<string, number>; trees: Record<string, number> }): Promise<OverloadPhase> {
  const watcher = watch(watched);
  const { result } = await run(job);
  const usage = watcher.stop();
  return {
    connections: job.connections,
    seconds: result.seconds,
    offeredPerSecond: job.rate ?? null,
    okPerSecond: result.perSecond,
    statuses: result.statuses,
    retryAfter: result.retryAfter,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    okLatencyMs: result.latencyMs,
    timeline: result.timeline,
    serverCpuPercent: usage.server?.cpuPercent ?? null,
    serverPeakRssMb: usage.server?.peakRssMb ?? null,
  };
}

const count = (statuses: Record<string, number>, test: (status: number) => boolean) =>
  Object.entries(statuses).filter(([s]) => test(Number(s))).reduce((sum, [, c]) => sum + c, 0);

/** Judges a flood and its aftermath; pure, so the rules are unit-tested. */
export function judgeOverload(sustainable: number, flood: OverloadPhase, recovery: OverloadPhase): { target: Target; secondsToRecover: number | null } {
  const shed = flood.statuses['503'] ?? 0;
  const failures = flood.socketErrors + flood.timeouts + count(flood.statuses, (s) => s >= 500 && s !== 503);
  const recoveredAt = recovery.timeline.findIndex((s) => s.ok >= RECOVERED_SHARE * sustainable);
  const secondsToRecover = recoveredAt < 0 ? null : recoveredAt;
  const recoveryTotal = recovery.timeline.reduce((sum, s) => sum + s.ok + s.shed + s.other, 0);
  const recoveryRefused = recovery.timeline.slice(Math.max(0, recoveredAt)).reduce((sum, s) => sum + s.shed + s.other, 0);
  const problems: string[] = [];
  if (shed === 0) problems.push('nothing was refused (the flood did not reach a limit)');
  if (flood.retryAfter < shed) problems.push(`${shed - flood.retryAfter} refusals without Retry-After`);
  if (failures > 0) problems.push(`${failures} failures other than 503 (socket errors, timeouts, 5xx)`);
  if (flood.okPerSecond < 0.5 * sustainable) problems.push(`served only ${Math.round(flood.okPerSecond)}/s while flooded`);
  if (secondsToRecover === null) problems.push('throughput did not come back');
  else if (recoveryTotal > 0 && recoveryRefused / recoveryTotal > 0.01) problems.push(`${recoveryRefused} refusals after recovering`);
  const measured = `${shed.toLocaleString('en-US')} × 503 with Retry-After ${flood.retryAfter >= shed ? 'on all' : `on ${flood.retryAfter}`}, `
    + `${Math.round(flood.okPerSecond).toLocaleString('en-US')}/s served while flooded, ${failures} failures, `
    + (secondsToRecover === null ? 'no recovery' : `back to ≥ ${RECOVERED_SHARE * 100} % in ${secondsToRecover === 0 ? 'the first second' : `${secondsToRecover + 1} s`}`);
  return {
    secondsToRecover,
    target: {
      text: `at ${OVERLOAD_FACTOR}× the sustainable rate: 503 + Retry-After, no failures, recovers by itself`,
      met: problems.length === 0,
      measured: problems.length === 0 ? measured : `${measured} — ${problems.join('; ')}`,
    },
  };
}

export async function floodAndRecover(options: {
  sustainable: WorkloadResult;
  baseUrl: string;
  seconds: number;
  inputs: WorkloadInputs;
  watched: { single: Record<string, number>; trees: Record<string, number> };
  run: RunLoad;
}): Promise<OverloadResult> {
  const sustainable = Math.max(1, options.sustainable.perSecond);
  const offered = Math.max(100, Math.round(OVERLOAD_FACTOR * sustainable));
  const base = { id: 'W1' as const, baseUrl: options.baseUrl, inputs: options.inputs };
  const flood = await phase(options.run, { ...base, connections: FLOOD_CONNECTIONS, rate: offered, seconds: options.seconds, warmupSeconds: 2 }, options.watched);
  // No pause: recovery is measured from the moment the flood stops.
  const recovery = await phase(options.run, { ...base, connections: options.sustainable.connections, seconds: Math.max(5, Math.round(options.seconds / 2)), warmupSeconds: 0 }, options.watched);
  const { target, secondsToRecover } = judgeOverload(sustainable, flood, recovery);
  return {
    workload: 'W1',
    sustainablePerSecond: sustainable,
    flood,
    recovery: { ...recovery, secondsToRecover },
    target,
    summary: `overload: W1 offered ${offered.toLocaleString('en-US')}/s (${OVERLOAD_FACTOR}× ${Math.round(sustainable).toLocaleString('en-US')}/s) from ${FLOOD_CONNECTIONS} connections — ${target.measured}`,
  };
}
