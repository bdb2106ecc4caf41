import { MultinomialNaiveBayes, type NaiveBayesOptions, type NaiveBayesSnapshot } from './naive-bayes.ts';
import { extractFeatures, type FeatureOptions } from './suggester-features.ts';

/** A report category as reference/categories.json ships it. */
export interface CategoryInfo {
  code: string;
  name_th: string;
  name_en: string;
  seed_keywords_th: string[];
  seed_keywords_en: string[];
}

export interface CategorySuggestion {
  code: string;
  name_th: string;
  name_en: string;
  /** Posterior probability, 0..1; the scores of all categories sum to 1. */
  score: number;
}

export interface SuggesterOptions extends NaiveBayesOptions, FeatureOptions {
  /** How much one seed keyword counts, against 1 for one real report. */
  seedKeywordWeight: number;
  /** How much the category's own name counts; the name is the strongest hint there is. */
  seedNameWeight: number;
}

/**
 * Chosen with bench/suggester on 904 real Traffy Fondue reports, preferring the middle of
 * a flat region over the last decimal: accuracy moves by about a point across alpha
 * 0.2–0.5 and seed weights 1–4. Lower alpha trusts learned reports more, higher alpha
 * helps a fresh installation; 0.3 serves both. A half-strength prior lets common problems
 * win near-ties without drowning rare categories.
 */
export const DEFAULT_SUGGESTER_OPTIONS: SuggesterOptions = {
  alpha: 0.3,
  priorStrength: 0.5,
  bigramWeight: 1,
  binary: true,
  seedKeywordWeight: 2,
  seedNameWeight: 3,
};

export const SUGGESTER_SNAPSHOT_VERSION = 1;

export interface SuggesterSnapshot {
  version: typeof SUGGESTER_SNAPSHOT_VERSION;
  options: SuggesterOptions;
  seededCodes: string[];
  model: NaiveBayesSnapshot;
}

/**
 * Suggests report categories from the report's text: multinomial naive Bayes over Thai
 * unigrams and bigrams. A fresh installation starts from the categories' names and seed
 * keywords; every categorised report, and every correction by staff, teaches it more.
 */
export class CategorySuggester {
  private readonly categories: ReadonlyMap<string, CategoryInfo>;
  private readonly codes: readonly string[];
  private readonly seededCodes = new Set<string>();
  private model: MultinomialNaiveBayes;

  constructor(
    categories: readonly CategoryInfo[],
    readonly options: SuggesterOptions = DEFAULT_SUGGESTER_OPTIONS,
  ) {
    this.categories = new Map(categories.map((category) => [category.code, category]));
    if (this.categories.size !== categories.length) throw new RangeError('category codes must be unique');
    this.codes = categories.map((category) => category.code);
    this.model = new MultinomialNaiveBayes(options);
  }

  /**
   * Teaches each category its name and seed keywords as tiny documents, so suggestions
   * work before any report exists. Seeds do not count toward the prior: a keyword list
   * says nothing about how common a problem is. Safe to call again; only categories not
   * yet seeded (added since) are seeded.
   */
  learnSeedVocabulary(): void {
    for (const category of this.categories.values()) {
      if (this.seededCodes.has(category.code)) continue;
      for (const { text, weight } of seedDocuments(category, this.options)) {
        this.model.learn(category.code, extractFeatures(text, this.options), weight, 0);
      }
      this.seededCodes.add(category.code);
    }
  }

  /** Learns that `text` is a report of `categoryCode`; `weight` 1 is one report. */
  learn(text: string, categoryCode: string, weight = 1): void {
    this.requireCategory(categoryCode);
    if (!(weight > 0)) throw new RangeError('weight must be positive');
    this.model.learn(categoryCode, extractFeatures(text, this.options), weight);
  }

  /** Takes back an earlier `learn`, e.g. when staff move a report to another category. */
  unlearn(text: string, categoryCode: string, weight = 1): void {
    this.requireCategory(categoryCode);
    if (!(weight > 0)) throw new RangeError('weight must be positive');
    this.model.unlearn(categoryCode, extractFeatures(text, this.options), weight);
  }

  /**
   * The `limit` likeliest categories, best first. Empty when the text has no word the
   * suggester has ever seen: a ranking without evidence would only be the list order.
   */
  suggest(text: string, limit = 5): CategorySuggestion[] {
    const bag = extractFeatures(text, this.options);
    if (limit <= 0 || this.codes.length === 0 || !this.model.knowsAny(bag)) return [];
    const posteriors = this.model.posteriors(bag, this.codes);
    // Stable sort: on a tie the order of the category list decides.
    return this.codes
      .map((code) => ({ code, score: posteriors.get(code) ?? 0 }))
      .sort((left, right) => right.score - left.score)
      .slice(0, limit)
      .map(({ code, score }) => {
        const { name_th, name_en } = this.categories.get(code)!;
        return { code, name_th, name_en, score };
      });
  }

  toJSON(): SuggesterSnapshot {
    return {
      version: SUGGESTER_SNAPSHOT_VERSION,
      options: { ...this.options },
      seededCodes: [...this.seededCodes],
      model: this.model.toJSON(),
    };
  }

  /**
   * Restores a snapshot against today's categories. Counts of categories that no longer
   * exist are dropped; categories added since start empty until `learnSeedVocabulary`.
   */
  static fromJSON(snapshot: SuggesterSnapshot, categories: readonly CategoryInfo[]): CategorySuggester {
    assertSnapshot(snapshot);
    const suggester = new CategorySuggester(categories, snapshot.options);
    const known = new Set(suggester.codes);
    suggester.model = MultinomialNaiveBayes.fromJSON({
      options: snapshot.options,
      classes: snapshot.model.classes.filter((saved) => known.has(saved.label)),
    });
    for (const code of snapshot.seededCodes) if (known.has(code)) suggester.seededCodes.add(code);
    return suggester;
  }

  private requireCategory(code: string): void {
    if (!this.categories.has(code)) throw new RangeError(`unknown category code: ${code}`);
  }
}

function seedDocuments(category: CategoryInfo, options: SuggesterOptions): { text: string; weight: number }[] {
  const names = [category.name_th, category.name_en].map((text) => ({ text, weight: options.seedNameWeight }));
  const keywords = [...category.seed_keywords_th, ...category.seed_keywords_en].map((text) => ({
    text,
    weight: options.seedKeywordWeight,
  }));
  return [...names, ...keywords];
}

function assertSnapshot(snapshot: SuggesterSnapshot): void {
  const valid =
    snapshot !== null &&
    typeof snapshot === 'object' &&
    snapshot.version === SUGGESTER_SNAPSHOT_VERSION &&
    Array.isArray(snapshot.seededCodes) &&
    Array.isArray(snapshot.model?.classes) &&
    snapshot.model.classes.every((saved) => typeof saved.label === 'string' && Array.isArray(saved.features));
  if (!valid) {
    throw new TypeError(
      `not a category suggester snapshot of version ${SUGGESTER_SNAPSHOT_VERSION}; rebuild it from the categorised reports`,
    );
  }
}
