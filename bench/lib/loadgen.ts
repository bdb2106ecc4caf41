/**
 * The load generator, run as its own process so its CPU is not the server's: autocannon
 * with per-request bodies and headers, every response's latency and status recorded
 * (exact percentiles, not a histogram's), and the server's own time when it sends a
 * Server-Timing header. Reads a job (JSON) from the file named on the command line and
 * prints the result as one JSON line.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { requestFor, type Job } from './workloads.ts';
import { percentiles, type Percentiles } from './stats.ts';

export type { Percentiles };

export interface LoadResult {
  /** Answered requests of any status. */
  requests: number;
  /** 2xx answers: what throughput counts. */
  ok: number;
  seconds: number;
  perSecond: number;
  latencyMs: Percentiles;
  serverMs: Percentiles | null;
  statuses: Record<string, number>;
  /** CPU the generator itself used over its whole life, seconds. */
  cpuSeconds: number;
  errors: number;
  timeouts: number;
  bytes: number;
  /** Answers that carried a Retry-After header (what a refused client is told). */
  retryAfter: number;
  /** Per measured second: 2xx answers, 503 refusals, anything else (other statuses, socket errors, timeouts). */
  timeline: Array<{ ok: number; shed: number; other: number }>;
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Job;
  const latencies: number[] = [];
  const serverTimes: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let bytes = 0;
  let retryAfter = 0;
  const timeline: LoadResult['timeline'] = [];
  const second = () => {
    const at = Math.max(0, Math.floor((performance.now() - started) / 1000));
    while (timeline.length <= at) timeline.push({ ok: 0, shed: 0, other: 0 });
    return timeline[at]!;
  };
  let recording = false;
  let answered = 0;
  let counter = 0;
  const request = requestFor(job);

  const instance = autocannon({
    url: job.baseUrl,
    connections: job.connections,
    // A fixed offered rate (the overload run) instead of "as fast as answers come back".
    ...(job.rate ? { overallRate: job.rate } : {}),
    duration: job.warmupSeconds + job.seconds,
    timeout: 30,
    requests: [{
      method: request.method,
      path: request.path(0),
      setupRequest: (req: Record<string, unknown>) => {
        counter += 1;
        const built = request.build(counter);
        return { ...req, method: request.method, path: built.path, headers: built.headers, body: built.body };
      },
    }],
    setupClient: (client: { on(event: string, listener: (...args: never[]) => void): void }) => {
      client.on('headers', ((info: { headers: unknown[] }) => {
        if (!recording) return;
        const headers = info.headers;
        for (let i = 0; i + 1 < headers.length; i += 2) {
          const name = String(headers[i]).toLowerCase();
          if (name === 'retry-after') retryAfter += 1;
          if (name !== 'server-timing') continue;
          const dur = /dur=([\d.]+)/.exec(String(headers[i + 1]));
          if (dur) serverTimes.push(Number(dur[1]));
        }
      }) as never);
      client.on('response', ((status: number, size: number, ms: number) => {
        if (!recording) return;
        answered += 1;
        // Latency of what people were served; refusals (429, 503) are counted apart.
        if (status >= 200 && status < 300) latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const slot = second();
        if (status >= 200 && status < 300) slot.ok += 1;
        else if (status === 503) slot.shed += 1;
        else slot.other += 1;
        bytes += size;
      }) as never);
    },
  } as never);
  (instance as unknown as NodeJS.EventEmitter).on('reqError', () => { if (recording) { errors += 1; second().other += 1; } });
  (instance as unknown as NodeJS.EventEmitter).on('timeout', () => { if (recording) { timeouts += 1; second().other += 1; } });

  // Warm-up first (connections open, caches warm, JIT done); then the measured window.
  let started = 0;
  setTimeout(() => {
    recording = true;
    started = performance.now();
  }, job.warmupSeconds * 1000);
  await instance;
  const seconds = (performance.now() - started) / 1000;
  const ok = latencies.length;
  const result: LoadResult = {
    requests: answered,
    ok,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(ok / seconds),
    latencyMs: percentiles(latencies),
    serverMs: serverTimes.length > 0 ? percentiles(serverTimes) : null,
    statuses,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    errors,
    timeouts,
    bytes,
    retryAfter,
    timeline,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
