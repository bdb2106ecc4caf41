/**
 * What a citizen's phone downloads for the report pages: the web app built with a
 * manifest (into var/, never over dist/web), weighed by web/bundle-sizes.ts — the same
 * measure the build prints: the entry chunk and everything it imports statically, the
 * page's own lazy chunk and its imports, and the dictionaries its first paint waits for
 * (in the heavier language), gzipped as they travel. Chunks the page loads later on
 * demand (the map on the report form) are listed apart.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from '../../server/platform/config/config.ts';
import { describePages, measurePages } from '../../web/bundle-sizes.ts';
import type { ChunkGraph, PageBundle } from '../../web/bundle-sizes.ts';

export type { PageBundle };

export interface WebBundle {
  gzipKb: number;
  pages: PageBundle[];
  note: string;
}

export function reportPageBundle(options: { build?: boolean } = {}): WebBundle | null {
  const outDir = path.join(REPO_ROOT, 'var/bench-web');
  if (options.build !== false) {
    const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--manifest', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (built.status !== 0) return null;
  }
  const manifestFile = path.join(outDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as ChunkGraph;
  const router = fs.readFileSync(path.join(REPO_ROOT, 'web/src/app/router.tsx'), 'utf8');
  const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;
  let pages: PageBundle[];
  try {
    pages = measurePages(manifest, gzipBytes, router);
  } catch (error) {
    console.error(`web bundle not weighed: ${(error as Error).message}`);
    return null;
  }
  if (pages.length === 0) return null;
  const worst = pages.reduce((a, b) => (a.gzipKb >= b.gzipKb ? a : b));
  return {
    gzipKb: worst.gzipKb,
    pages,
    note: describePages(pages).map((line) => line.replace(/\s+/g, ' ')).join('; '),
  };
}
