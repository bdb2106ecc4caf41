/**
 * Multinomial naive Bayes over weighted feature bags, with Lidstone smoothing and a class
 * prior whose strength can be turned down to nothing. Kept apart from anything Thai or
 * category-specific so the arithmetic can be tested on its own.
 */

/** Feature → weight in one document (a bag of words, possibly fractional). */
export type FeatureBag = ReadonlyMap<string, number>;

export interface NaiveBayesOptions {
  /** Lidstone pseudo-count added to every feature of every class (1 = Laplace). */
  alpha: number;
  /**
   * Exponent on the class prior: 0 ignores how often each class was seen (a fresh
   * installation knows nothing about which problems are common), 1 is the textbook prior.
   */
  priorStrength: number;
}

export interface ClassModelSnapshot {
  label: string;
  documents: number;
  features: [string, number][];
}

export interface NaiveBayesSnapshot {
  options: NaiveBayesOptions;
  classes: ClassModelSnapshot[];
}

/** Below this a count is float noise left by learning and unlearning the same weights. */
const EPSILON = 1e-9;

interface ClassModel {
  documents: number;
  total: number;
  features: Map<string, number>;
}

export class MultinomialNaiveBayes {
  private readonly classes = new Map<string, ClassModel>();
  /** Every feature with its count over all classes; its size is the |V| of the smoothing. */
  private readonly vocabulary = new Map<string, number>();

  constructor(readonly options: NaiveBayesOptions) {
    if (!(options.alpha > 0)) throw new RangeError('alpha must be positive');
    if (!(options.priorStrength >= 0)) throw new RangeError('priorStrength must be zero or more');
  }

  /** Adds `bag` × `weight` to `label`; `documents` is how much it counts toward the prior. */
  learn(label: string, bag: FeatureBag, weight = 1, documents = weight): void {
    const model = this.classModel(label);
    model.documents += documents;
    for (const [feature, count] of bag) this.addCount(model, feature, count * weight);
  }

  /** Takes back an earlier `learn` with the same arguments; counts never go below zero. */
  unlearn(label: string, bag: FeatureBag, weight = 1, documents = weight): void {
    const model = this.classes.get(label);
    if (!model) return;
    model.documents = Math.max(0, model.documents - documents);
    for (const [feature, count] of bag) {
      const removable = Math.min(model.features.get(feature) ?? 0, count * weight);
      if (removable > 0) this.addCount(model, feature, -removable);
    }
  }

  /** True when at least one feature of the bag has been seen in any class. */
  knowsAny(bag: FeatureBag): boolean {
    for (const feature of bag.keys()) if (this.vocabulary.has(feature)) return true;
    return false;
  }

  /**
   * P(label | bag) for each of `labels`, summing to 1. Features never seen in any class
   * are skipped: they would lower every class's likelihood, but not equally — classes with
   * little text would gain — and they carry no evidence either way.
   */
  posteriors(bag: FeatureBag, labels: readonly string[]): Map<string, number> {
    const logScores = labels.map((label) => this.logScore(label, bag, labels));
    const best = Math.max(...logScores);
    const unnormalized = logScores.map((score) => Math.exp(score - best));
    const sum = unnormalized.reduce((total, value) => total + value, 0);
    return new Map(labels.map((label, index) => [label, unnormalized[index] / sum]));
  }

  toJSON(): NaiveBayesSnapshot {
    return {
      options: { ...this.options },
      classes: [...this.classes].map(([label, model]) => ({
        label,
        documents: model.documents,
        features: [...model.features],
      })),
    };
  }

  static fromJSON(snapshot: NaiveBayesSnapshot): MultinomialNaiveBayes {
    const model = new MultinomialNaiveBayes(snapshot.options);
    for (const saved of snapshot.classes) {
      const target = model.classModel(saved.label);
      target.documents = saved.documents;
      for (const [feature, count] of saved.features) model.addCount(target, feature, count);
    }
    return model;
  }

  private logScore(label: string, bag: FeatureBag, labels: readonly string[]): number {
    const model = this.classes.get(label);
    const { alpha } = this.options;
    const total = model?.total ?? 0;
    const denominator = Math.log(total + alpha * Math.max(1, this.vocabulary.size));
    let score = this.logPrior(model?.documents ?? 0, labels);
    for (const [feature, count] of bag) {
      if (!this.vocabulary.has(feature)) continue;
      const featureCount = model?.features.get(feature) ?? 0;
      score += count * (Math.log(featureCount + alpha) - denominator);
    }
    return score;
  }

  private logPrior(documents: number, labels: readonly string[]): number {
    if (this.options.priorStrength === 0) return 0;
    const allDocuments = labels.reduce((sum, label) => sum + (this.classes.get(label)?.documents ?? 0), 0);
    // Add-one on documents too, so a class nobody has reported yet is unlikely, not impossible.
    return this.options.priorStrength * Math.log((documents + 1) / (allDocuments + labels.length));
  }

  private classModel(label: string): ClassModel {
    let model = this.classes.get(label);
    if (!model) {
      model = { documents: 0, total: 0, features: new Map() };
      this.classes.set(label, model);
    }
    return model;
  }

  private addCount(model: ClassModel, feature: string, delta: number): void {
    if (delta === 0) return;
    const next = (model.features.get(feature) ?? 0) + delta;
    if (next > EPSILON) model.features.set(feature, next);
    else model.features.delete(feature);
    model.total = Math.max(0, model.total + delta);
    const overall = (this.vocabulary.get(feature) ?? 0) + delta;
    if (overall > EPSILON) this.vocabulary.set(feature, overall);
    else this.vocabulary.delete(feature);
  }
}
