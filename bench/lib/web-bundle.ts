/**
 * What a citizen's phone downloads for the report pages: the web app built with a
 * manifest (into var/, never over dist/web), then for each page the entry chunk and
 * everything it imports statically, plus the page's own lazy chunk and its imports —
 * gzipped, as they travel. Chunks the page loads later on demand are listed apart.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from '../../server/platform/config/config.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface PageBundle {
  page: string;
  /** Entry + page chunk + their static imports, gzipped KB. */
  gzipKb: number;
  /** Loaded by the page after it renders (dynamic imports of its chunks), gzipped KB. */
  lazyGzipKb: number;
}

export interface WebBundle {
  gzipKb: number;
  pages: PageBundle[];
  note: string;
}

const PAGES = ['src/features/reports/NewReportPage.tsx', 'src/features/reports/ReportPage.tsx'];

export function reportPageBundle(options: { build?: boolean } = {}): WebBundle | null {
  const outDir = path.join(REPO_ROOT, 'var/bench-web');
  if (options.build !== false) {
    const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--manifest', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (built.status !== 0) return null;
  }
  const manifestFile = path.join(outDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const gz = new Map<string, number>();
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length);
    return gz.get(file)!;
  };
  const closure = (keys: string[], into = new Set<string>()) => {
    for (const key of keys) {
      if (into.has(key) || !manifest[key]) continue;
      into.add(key);
      closure(manifest[key]!.imports ?? [], into);
    }
    return into;
  };
  const entry = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const pages = PAGES.filter((p) => manifest[p]).map((page) => {
    const eager = closure([...entry, page]);
    const lazy = new Set<string>();
    for (const key of eager) for (const d of manifest[key]!.dynamicImports ?? []) if (key === page || closure([page]).has(key)) closure([d], lazy);
    for (const key of eager) lazy.delete(key);
    const kb = (keys: Set<string>) => Math.round([...keys].filter((k) => manifest[k]!.file.endsWith('.js')).reduce((sum, k) => sum + size(manifest[k]!.file), 0) / 1024);
    return { page: path.basename(page, '.tsx'), gzipKb: kb(eager), lazyGzipKb: kb(lazy) };
  });
  if (pages.length === 0) return null;
  const worst = pages.reduce((a, b) => (a.gzipKb >= b.gzipKb ? a : b));
  return {
    gzipKb: worst.gzipKb,
    pages,
    note: pages.map((p) => `${p.page} ${p.gzipKb} KB${p.lazyGzipKb ? ` + ${p.lazyGzipKb} KB loaded after render` : ''}`).join(', '),
  };
}
