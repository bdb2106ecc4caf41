/**
 * CPU and memory of the processes under test, read from /proc (Linux): CPU as the share
 * of one core used over a window (200 % = both cores of a 2-core machine), memory as
 * the resident set sampled during the window (and the kernel's own high-water mark).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // 100 on every Linux we run on.
}

/** utime + stime in clock ticks, and the parent pid; null if the process is gone. */
function stat(pid: number): { ticks: number; ppid: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export const peakRssMb = (pid: number) => {
  const kb = statusKb(pid, 'VmHWM');
  return kb === null ? null : Math.round(kb / 1024);
};

/** The process and all its descendants (a postmaster and its backends). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) parents.set(Number(entry), s.ppid);
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function treeTicks(root: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of processTree(root)) {
    const s = stat(pid);
    if (s) out.set(pid, s.ticks);
  }
  return out;
}

export interface Usage {
  /** Percent of one core, averaged over the window. */
  cpuPercent: number;
  /** Largest resident set seen during the window, MB (sampled every 200 ms). */
  peakRssMb: number | null;
}

/**
 * Watches processes from start() to stop(): `single` processes by their own CPU,
 * `trees` (PostgreSQL) by the CPU of the whole tree, backends started meanwhile included.
 */
export function watch(processes: { single: Record<string, number>; trees: Record<string, number> }) {
  const t0 = performance.now();
  const singleStart = Object.fromEntries(Object.entries(processes.single).map(([k, pid]) => [k, stat(pid)?.ticks ?? 0]));
  // Last ticks seen of each single process: one that exits before stop() still counts.
  const singleSeen: Record<string, number> = { ...singleStart };
  const treeStart = Object.fromEntries(Object.entries(processes.trees).map(([k, pid]) => [k, treeTicks(pid)]));
  const peaks: Record<string, number> = {};
  // Last ticks seen per process of each tree: a backend that exits before stop() still counts.
  const treeSeen = Object.fromEntries(Object.entries(processes.trees).map(([k]) => [k, new Map<number, number>()]));
  let samples = 0;
  const sample = () => {
    for (const [k, pid] of Object.entries(processes.single)) {
      const kb = statusKb(pid, 'VmRSS');
      if (kb !== null) peaks[k] = Math.max(peaks[k] ?? 0, kb);
      const ticks = stat(pid)?.ticks;
      if (ticks !== undefined) singleSeen[k] = ticks;
    }
    if (samples++ % 3 === 0) {
      for (const [k, pid] of Object.entries(processes.trees)) for (const [child, ticks] of treeTicks(pid)) treeSeen[k]!.set(child, ticks);
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop(): Record<string, Usage> {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - t0) / 1000;
      const out: Record<string, Usage> = {};
      const pct = (ticks: number) => Math.round((ticks / clockTicks / seconds) * 1000) / 10;
      for (const [k, pid] of Object.entries(processes.single)) {
        out[k] = { cpuPercent: pct((stat(pid)?.ticks ?? singleSeen[k]!) - singleStart[k]!), peakRssMb: peaks[k] ? Math.round(peaks[k]! / 1024) : null };
      }
      for (const [k, pid] of Object.entries(processes.trees)) {
        const before = treeStart[k]!;
        const seen = treeSeen[k]!;
        for (const [child, ticks] of treeTicks(pid)) seen.set(child, ticks);
        let used = 0;
        for (const [child, ticks] of seen) used += ticks - (before.get(child) ?? 0);
        out[k] = { cpuPercent: pct(used), peakRssMb: null };
      }
      return out;
    },
  };
}
