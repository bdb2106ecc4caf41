/**
 * Search vectors for the Traffy importer, computed off the main thread by a few worker
 * threads (traffy-search.worker.ts). A batch of texts is cut into one slice per worker;
 * the answer keeps the input's order. With no workers (`size` 0, or worker threads
 * unavailable) the vectors are computed inline, with the very same function.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { searchVectorText } from './reports.search.ts';

export interface SearchVectorPool {
  /** The vectors of `texts`, in order. */
  vectors(texts: readonly string[]): Promise<string[]>;
  readonly workers: number;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./traffy-search.worker.ts', import.meta.url).href;
/**
 * The worker is TypeScript, like the rest of the server: it registers tsx's loader in its
 * own thread first (Node 20 does not pass the main thread's --import hooks to workers).
 */
const WORKER_BOOT = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

type Pending = { resolve: (v: string[]) => void; reject: (e: Error) => void };

/** One worker per core beyond the main thread's, at most `max`. */
export function defaultSearchWorkers(max = 2): number {
  return Math.max(0, Math.min(max, os.availableParallelism() - 1));
}

export function createSearchVectorPool(size: number): SearchVectorPool {
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  const busy: number[] = [];
  for (let i = 0; i < size; i++) {
    // A worker holds one slice of one batch at a time: a small heap is plenty.
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { entry: WORKER_ENTRY }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    worker.on('message', (m: { id: number; vectors?: string[]; error?: string }) => {
      const job = pending.get(m.id);
      pending.delete(m.id);
      if (!job) return;
      if (--busy[workers.indexOf(worker)]! === 0) worker.unref();
      if (m.vectors) job.resolve(m.vectors);
      else job.reject(new Error(`search vector worker: ${m.error}`));
    });
    worker.on('error', (error) => {
      failure = error;
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
    // An idle worker must not keep the process alive; a busy one must.
    worker.unref();
    workers.push(worker);
    busy.push(0);
  }

  const run = (worker: Worker, texts: string[]): Promise<string[]> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (busy[workers.indexOf(worker)]!++ === 0) worker.ref();
      worker.postMessage({ id, texts });
    });

  return {
    workers: workers.length,
    async vectors(texts) {
      if (workers.length === 0 || texts.length === 0) return texts.map(searchVectorText);
      const slice = Math.ceil(texts.length / workers.length);
      const parts = workers.map((w, i) => texts.slice(i * slice, (i + 1) * slice)).filter((p) => p.length > 0);
      const results = await Promise.all(parts.map((part, i) => run(workers[i]!, part)));
      return results.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
