/**
 * What a citizen's phone downloads to show the report pages, measured on the chunk graph
 * of a build (Vite's manifest, or the same shape made from the bundle at build time):
 * the entry chunk and everything it imports statically, the page's own chunk and its
 * imports, and the dictionaries the first paint waits for — the core and the parts the
 * router names for the page, in whichever language weighs more. All gzipped, as they
 * travel. Chunks the page loads later on demand (the map) are counted apart.
 * Shared by the build (web/vite.config.ts prints it) and the benchmark (bench/lib/web-bundle.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

export interface ChunkInfo {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
/** Keyed like Vite's manifest: a module's path from web/ for entries, `_file` for shared chunks. */
export type ChunkGraph = Record<string, ChunkInfo>;

export interface PageBundle {
  page: string;
  /** Everything downloaded before the page first shows, gzipped KB. */
  gzipKb: number;
  /** Of which the entry chunk and its static imports. */
  entryGzipKb: number;
  /** Of which the dictionaries (core + the page's parts) in `dictionaryLang`. */
  dictionaryGzipKb: number;
  dictionaryLang: string;
  /** Loaded by the page after it renders (dynamic imports of its chunks), gzipped KB. */
  lazyGzipKb: number;
}

export const REPORT_PAGES = ['src/features/reports/NewReportPage.tsx', 'src/features/reports/ReportPage.tsx'];
export const LANGS = ['th', 'en'] as const;
export const TARGET_KB = 150;

const WEB_ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The dictionary parts router.tsx loads with each lazy page, keyed by the page's source. */
export function pageParts(routerSource: string): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  for (const m of routerSource.matchAll(/lazyPage\(\(\) => import\('\.\.\/([^']+)'\)(?:,\s*\[([^\]]*)\])?\)/g)) {
    const names = [...(m[2] ?? '').matchAll(/'([^']+)'/g)].map((p) => p[1]!);
    parts.set(`src/${m[1]}.tsx`, names);
  }
  return parts;
}

export function measurePages(graph: ChunkGraph, gzipBytes: (file: string) => number, routerSource: string): PageBundle[] {
  const closure = (keys: Iterable<string>, into = new Set<string>()) => {
    for (const key of keys) {
      if (into.has(key) || !graph[key]) continue;
      into.add(key);
      closure(graph[key]!.imports ?? [], into);
    }
    return into;
  };
  const kb = (keys: Set<string>) =>
    Math.round(([...keys].filter((k) => graph[k]!.file.endsWith('.js')).reduce((sum, k) => sum + gzipBytes(graph[k]!.file), 0) / 1024) * 10) / 10;
  const need = (key: string) => {
    // A renamed dictionary or page must break the measurement, not shrink it.
    if (!graph[key]) throw new Error(`bundle sizes: ${key} is not a chunk of this build`);
    return key;
  };
  const parts = pageParts(routerSource);
  const entry = closure(Object.keys(graph).filter((k) => graph[k]!.isEntry));
  return REPORT_PAGES.map((page) => {
    need(page);
    const pageParts = parts.get(page);
    if (!pageParts) throw new Error(`bundle sizes: router.tsx loads no lazyPage for ${page}`);
    const dictionaries = LANGS.map((lang) => {
      const keys = closure([need(`src/i18n/${lang}.ts`), ...pageParts.map((p) => need(`src/i18n/parts/${p}.${lang}.ts`))]);
      for (const key of entry) keys.delete(key);
      return { lang, keys, kb: kb(keys) };
    }).reduce((a, b) => (a.kb >= b.kb ? a : b));
    const eager = closure([page], new Set(entry));
    for (const key of dictionaries.keys) eager.add(key);
    // The page's own chunks (not the entry's: its dynamic imports are the other pages).
    const own = [...closure([page])].filter((key) => !entry.has(key));
    const lazy = closure(own.flatMap((key) => graph[key]!.dynamicImports ?? []));
    for (const key of eager) lazy.delete(key);
    return {
      page: path.basename(page, '.tsx'),
      gzipKb: kb(eager),
      entryGzipKb: kb(entry),
      dictionaryGzipKb: dictionaries.kb,
      dictionaryLang: dictionaries.lang,
      lazyGzipKb: kb(lazy),
    };
  });
}

export function describePages(pages: PageBundle[]): string[] {
  return pages.map(
    (p) =>
      `${p.page.padEnd(14)} ${p.gzipKb.toFixed(1).padStart(6)} KB (entry ${p.entryGzipKb.toFixed(1)} KB, ` +
      `${p.dictionaryLang} dictionaries ${p.dictionaryGzipKb.toFixed(1)} KB)` +
      (p.lazyGzipKb ? ` + ${p.lazyGzipKb.toFixed(1)} KB after it renders` : ''),
  );
}

/** Prints the report pages' weight after every production build. */
export function reportPageSizes(): Plugin {
  let root = WEB_ROOT;
  let logger: { info: (message: string) => void } = console;
  let summary: string | null = null;
  return {
    name: 'demopolis:report-page-sizes',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      logger = config.logger;
    },
    writeBundle(_options, bundle) {
      const keyOf = new Map<string, string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        keyOf.set(chunk.fileName, chunk.facadeModuleId ? path.relative(root, chunk.facadeModuleId) : `_${chunk.fileName}`);
      }
      const graph: ChunkGraph = {};
      const bytes = new Map<string, number>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        graph[keyOf.get(chunk.fileName)!] = {
          file: chunk.fileName,
          isEntry: chunk.isEntry,
          imports: chunk.imports.map((f) => keyOf.get(f) ?? f),
          dynamicImports: chunk.dynamicImports.map((f) => keyOf.get(f) ?? f),
        };
        bytes.set(chunk.fileName, zlib.gzipSync(chunk.code, { level: 9 }).length);
      }
      const router = fs.readFileSync(path.join(root, 'src/app/router.tsx'), 'utf8');
      let pages: PageBundle[];
      try {
        pages = measurePages(graph, (file) => bytes.get(file) ?? 0, router);
      } catch (error) {
        summary = `Citizen report pages: not weighed (${(error as Error).message})`;
        return;
      }
      const worst = Math.max(...pages.map((p) => p.gzipKb));
      summary = [
        `Citizen report pages, JavaScript before first paint (gzip, KB = 1024 B; target ≤ ${TARGET_KB} KB):`,
        ...describePages(pages).map((line) => `  ${line}`),
        `  ${worst <= TARGET_KB ? '✓' : '✗'} largest ${worst.toFixed(1)} KB`,
      ].join('\n');
    },
    closeBundle() {
      // After Vite's own per-chunk table, which it prints as the files are written.
      if (summary) logger.info(`\n${summary}`);
    },
  };
}
