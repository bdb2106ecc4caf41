import { tokenizeForClassifier } from '../../../platform/text/thai-tokenizer.ts';
import type { FeatureBag } from './naive-bayes.ts';

export interface FeatureOptions {
  /**
   * Weight of each adjacent-token pair. Thai compounds are split by the segmenter
   * (ท่อ|ระบาย|น้ำ, สาย|ไฟ), and the pair keeps what the compound meant: "สาย ไฟ" is a
   * power line, while สาย and ไฟ alone also mean a bus route and a street light.
   */
  bigramWeight: number;
  /**
   * Count a feature once per document however often it repeats. Reports are short and
   * people repeat a word for emphasis, not because the report is "more" about it.
   */
  binary: boolean;
}

/** Bigram keys join two tokens with a space, which no token ever contains. */
export function bigramKey(first: string, second: string): string {
  return `${first} ${second}`;
}

/** The weighted bag of unigrams and adjacent bigrams the suggester learns and scores. */
export function extractFeatures(text: string, options: FeatureOptions): FeatureBag {
  const tokens = tokenizeForClassifier(text);
  const bag = new Map<string, number>();
  const add = (feature: string, weight: number): void => {
    if (weight <= 0) return;
    const current = bag.get(feature) ?? 0;
    bag.set(feature, options.binary ? Math.max(current, weight) : current + weight);
  };
  tokens.forEach((token, index) => {
    add(token, 1);
    if (index > 0) add(bigramKey(tokens[index - 1], token), options.bigramWeight);
  });
  return bag;
}
