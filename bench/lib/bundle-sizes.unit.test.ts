import { describe, it, expect } from 'vitest';
import { measurePages, pageParts } from '../../web/bundle-sizes.ts';
import type { ChunkGraph } from '../../web/bundle-sizes.ts';

// A build in miniature, shaped like Vite's manifest; every file weighs a whole number of KB.
const graph: ChunkGraph = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_jsx.js'],
    dynamicImports: ['src/features/reports/ReportPage.tsx', 'src/features/reports/NewReportPage.tsx', 'src/features/plans/PlansPage.tsx', 'src/i18n/th.ts', 'src/i18n/en.ts', 'src/i18n/parts/plans.th.ts', 'src/i18n/parts/plans.en.ts'],
  },
  '_jsx.js': { file: 'assets/jsx.js' },
  '_shared.js': { file: 'assets/shared.js' },
  '_map.js': { file: 'assets/map.js', dynamicImports: ['src/ui/map/CityMap.tsx'] },
  'src/ui/map/CityMap.tsx': { file: 'assets/CityMap.js' },
  'src/features/reports/ReportPage.tsx': { file: 'assets/ReportPage.js', imports: ['index.html', '_jsx.js', '_shared.js'] },
  'src/features/reports/NewReportPage.tsx': { file: 'assets/NewReportPage.js', imports: ['index.html', '_jsx.js', '_map.js'] },
  'src/features/plans/PlansPage.tsx': { file: 'assets/PlansPage.js', imports: ['index.html'] },
  'src/i18n/th.ts': { file: 'assets/th.js' },
  'src/i18n/en.ts': { file: 'assets/en.js' },
  'src/i18n/parts/plans.th.ts': { file: 'assets/plans.th.js' },
  'src/i18n/parts/plans.en.ts': { file: 'assets/plans.en.js' },
};
const kb: Record<string, number> = {
  'assets/index.js': 100, 'assets/jsx.js': 4, 'assets/shared.js': 2, 'assets/map.js': 1, 'assets/CityMap.js': 40,
  'assets/ReportPage.js': 3, 'assets/NewReportPage.js': 5, 'assets/PlansPage.js': 9,
  'assets/th.js': 7, 'assets/en.js': 6, 'assets/plans.th.js': 3, 'assets/plans.en.js': 5,
};
const size = (file: string) => kb[file]! * 1024;
const router = (reportParts = '') => `
const NewReportPage = lazyPage(() => import('../features/reports/NewReportPage')${reportParts});
const ReportPage = lazyPage(() => import('../features/reports/ReportPage'));
const PlansPage = lazyPage(() => import('../features/plans/PlansPage'), ['plans']);`;

describe('report page weight', () => {
  it('counts entry, page and the heavier language’s core dictionary; other pages and languages are not downloaded', () => {
    const pages = measurePages(graph, size, router());
    const report = pages.find((p) => p.page === 'ReportPage')!;
    expect(report).toEqual({ page: 'ReportPage', gzipKb: 100 + 4 + 3 + 2 + 7, entryGzipKb: 104, dictionaryGzipKb: 7, dictionaryLang: 'th', lazyGzipKb: 0 });
  });

  it('lists what the page loads after it renders (the map) apart, and not the entry’s other pages', () => {
    const form = measurePages(graph, size, router()).find((p) => p.page === 'NewReportPage')!;
    expect(form.gzipKb).toBe(100 + 4 + 5 + 1 + 7);
    expect(form.lazyGzipKb).toBe(40);
  });

  it('adds the parts the router loads with the page, in the heavier language', () => {
    const form = measurePages(graph, size, router(", ['plans']")).find((p) => p.page === 'NewReportPage')!;
    expect(form.dictionaryLang).toBe('en'); // 6 + 5 beats 7 + 3
    expect(form.gzipKb).toBe(100 + 4 + 5 + 1 + 11);
  });

  it('refuses to measure when a dictionary or the page’s route is missing, rather than count less', () => {
    expect(() => measurePages(graph, size, router(", ['outbox']"))).toThrow(/outbox\.th\.ts/);
    expect(() => measurePages(graph, size, 'const Other = lazyPage(() => import(\'../features/other/Other\'));')).toThrow(/NewReportPage/);
  });

  it('reads the parts of every page from router.tsx', () => {
    const parts = pageParts(router());
    expect(parts.get('src/features/reports/ReportPage.tsx')).toEqual([]);
    expect(parts.get('src/features/plans/PlansPage.tsx')).toEqual(['plans']);
  });
});
