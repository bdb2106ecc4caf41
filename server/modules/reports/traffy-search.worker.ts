/**
 * Worker thread of the Traffy importer: turns search texts into search vectors (Thai
 * word-splitting by ICU is the costliest step of a row), so the importer's main thread
 * can read and plan the next batch meanwhile. Same function as inline, so same vectors.
 */
import { parentPort } from 'node:worker_threads';
import { searchVectorText } from './reports.search.ts';

parentPort!.on('message', (job: { id: number; texts: string[] }) => {
  try {
    parentPort!.postMessage({ id: job.id, vectors: job.texts.map(searchVectorText) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
