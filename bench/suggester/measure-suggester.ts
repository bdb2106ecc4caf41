import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  CategorySuggester,
  DEFAULT_SUGGESTER_OPTIONS,
  type CategoryInfo,
  type SuggesterOptions,
} from '../../server/modules/reports/suggester/category-suggester.ts';

/**
 * How well the category suggester guesses the categories that Traffy Fondue staff gave
 * real reports. Two questions: is a fresh installation useful (seed vocabulary only), and
 * how good does it get once it has learned from categorised reports (5-fold
 * cross-validation, so no report is ever scored by a model that learned from it).
 */

export interface Accuracy {
  /** Reports evaluated. */
  n: number;
  /** Share whose best suggestion is one of the report's categories, 0..1. */
  top1: number;
  /** Share with one of the report's categories among the three best suggestions, 0..1. */
  top3: number;
}

export interface SuggesterMeasurement {
  seedOnly: Accuracy;
  learned: Accuracy & { folds: number };
}

export interface LabelledReport {
  comment: string;
  codes: string[];
}

export const FOLDS = 5;
/** Fixed so that every run deals the same folds and prints the same numbers. */
export const SHUFFLE_SEED = 20230512;

/** `{ถนน,ทางเท้า}` → ['ถนน', 'ทางเท้า']; `{}` → []. */
export function parseTypeSet(literal: string): string[] {
  const inner = literal.trim().replace(/^\{/, '').replace(/\}$/, '');
  return inner
    .split(',')
    .map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
    .filter((name) => name !== '');
}

/** Reports with at least one category we know, the Thai type names mapped by name_th. */
export function readLabelledReports(csvPath: string, categories: readonly CategoryInfo[]): LabelledReport[] {
  const codeByThaiName = new Map(categories.map((category) => [category.name_th, category.code]));
  const rows = parse(readFileSync(csvPath), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const reports: LabelledReport[] = [];
  for (const row of rows) {
    const codes = parseTypeSet(row.type ?? '').flatMap((name) => codeByThaiName.get(name) ?? []);
    if (codes.length > 0) reports.push({ comment: row.comment ?? '', codes: [...new Set(codes)] });
  }
  return reports;
}

/** mulberry32: tiny, seedable, good enough to shuffle a test set. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

interface Tally {
  n: number;
  top1: number;
  top3: number;
}

function score(suggester: CategorySuggester, reports: readonly LabelledReport[], tally: Tally): void {
  for (const report of reports) {
    const best = suggester.suggest(report.comment, 3).map((suggestion) => suggestion.code);
    tally.n += 1;
    if (best.length > 0 && report.codes.includes(best[0])) tally.top1 += 1;
    if (best.some((code) => report.codes.includes(code))) tally.top3 += 1;
  }
}

function toAccuracy(tally: Tally): Accuracy {
  return { n: tally.n, top1: tally.n ? tally.top1 / tally.n : 0, top3: tally.n ? tally.top3 / tally.n : 0 };
}

function freshSuggester(categories: readonly CategoryInfo[], options: SuggesterOptions): CategorySuggester {
  const suggester = new CategorySuggester(categories, options);
  suggester.learnSeedVocabulary();
  return suggester;
}

export function measureLabelledReports(
  reports: readonly LabelledReport[],
  categories: readonly CategoryInfo[],
  options: SuggesterOptions = DEFAULT_SUGGESTER_OPTIONS,
): SuggesterMeasurement {
  const seedTally: Tally = { n: 0, top1: 0, top3: 0 };
  score(freshSuggester(categories, options), reports, seedTally);

  const dealt = shuffled(reports, SHUFFLE_SEED);
  const learnedTally: Tally = { n: 0, top1: 0, top3: 0 };
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const suggester = freshSuggester(categories, options);
    const held: LabelledReport[] = [];
    dealt.forEach((report, index) => {
      if (index % FOLDS === fold) held.push(report);
      else for (const code of report.codes) suggester.learn(report.comment, code);
    });
    score(suggester, held, learnedTally);
  }

  return { seedOnly: toAccuracy(seedTally), learned: { ...toAccuracy(learnedTally), folds: FOLDS } };
}

/** Measures the suggester on a Traffy Fondue open-data CSV (rows without a type are left out). */
export function measureSuggester(
  csvPath: string,
  categories: readonly CategoryInfo[],
  options: SuggesterOptions = DEFAULT_SUGGESTER_OPTIONS,
): SuggesterMeasurement {
  return measureLabelledReports(readLabelledReports(csvPath, categories), categories, options);
}

export function formatMeasurement(measurement: SuggesterMeasurement): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const { seedOnly, learned } = measurement;
  return [
    `seed only: n=${seedOnly.n} top-1 ${percent(seedOnly.top1)} top-3 ${percent(seedOnly.top3)}`,
    `learned (${learned.folds}-fold): n=${learned.n} top-1 ${percent(learned.top1)} top-3 ${percent(learned.top3)}`,
  ].join('\n');
}
