import { describe, expect, it } from 'vitest';
import { MultinomialNaiveBayes, type FeatureBag } from './naive-bayes.ts';

const bag = (...features: string[]): FeatureBag => {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
};

const LABELS = ['wet', 'dark'] as const;

function trained(priorStrength = 0): MultinomialNaiveBayes {
  const model = new MultinomialNaiveBayes({ alpha: 1, priorStrength });
  model.learn('wet', bag('rain', 'flood', 'water'));
  model.learn('wet', bag('flood', 'water'));
  model.learn('dark', bag('lamp', 'night'));
  return model;
}

describe('MultinomialNaiveBayes', () => {
  it('gives posteriors that sum to one and favour the class that saw the words', () => {
    const posteriors = trained().posteriors(bag('flood'), LABELS);
    expect(posteriors.get('wet')! + posteriors.get('dark')!).toBeCloseTo(1, 12);
    expect(posteriors.get('wet')!).toBeGreaterThan(posteriors.get('dark')!);
  });

  it('computes Laplace-smoothed likelihoods exactly', () => {
    // |V| = 5; wet: total 5, flood 2 → (2+1)/(5+5); dark: total 2, flood 0 → 1/(2+5).
    const posteriors = trained().posteriors(bag('flood'), LABELS);
    const wet = 3 / 10;
    const dark = 1 / 7;
    expect(posteriors.get('wet')).toBeCloseTo(wet / (wet + dark), 12);
  });

  it('ignores words no class has seen', () => {
    const model = trained();
    expect(model.knowsAny(bag('unknown'))).toBe(false);
    const withNoise = model.posteriors(bag('flood', 'unknown', 'other'), LABELS);
    const without = model.posteriors(bag('flood'), LABELS);
    expect(withNoise.get('wet')).toBeCloseTo(without.get('wet')!, 12);
  });

  it('uses no prior at strength 0 and the class frequencies at strength 1', () => {
    const flat = trained(0).posteriors(bag(), LABELS);
    expect(flat.get('wet')).toBeCloseTo(0.5, 12);
    const full = trained(1).posteriors(bag(), LABELS);
    // add-one on documents: wet (2+1)/(3+2), dark (1+1)/(3+2)
    expect(full.get('wet')).toBeCloseTo(0.6, 12);
  });

  it('unlearn takes back exactly what learn added', () => {
    const model = trained();
    const before = model.posteriors(bag('flood', 'lamp'), LABELS);
    model.learn('dark', bag('flood', 'flood', 'new'), 2.5);
    model.unlearn('dark', bag('flood', 'flood', 'new'), 2.5);
    const after = model.posteriors(bag('flood', 'lamp'), LABELS);
    expect(after.get('dark')).toBeCloseTo(before.get('dark')!, 12);
    expect(model.knowsAny(bag('new'))).toBe(false);
  });

  it('never lets unlearning drive counts below zero', () => {
    const model = trained();
    model.unlearn('dark', bag('lamp', 'lamp', 'lamp'), 5);
    model.unlearn('nobody', bag('lamp'));
    const snapshot = model.toJSON();
    const dark = snapshot.classes.find((saved) => saved.label === 'dark')!;
    expect(dark.documents).toBe(0);
    expect(dark.features).toEqual([['night', 1]]);
  });

  it('survives a JSON round trip unchanged', () => {
    const model = trained(0.5);
    const restored = MultinomialNaiveBayes.fromJSON(JSON.parse(JSON.stringify(model)));
    const probe = bag('water', 'night', 'flood');
    expect(restored.posteriors(probe, LABELS)).toEqual(model.posteriors(probe, LABELS));
    expect(restored.toJSON()).toEqual(model.toJSON());
  });

  it('rejects smoothing that would divide by zero', () => {
    expect(() => new MultinomialNaiveBayes({ alpha: 0, priorStrength: 0 })).toThrow(RangeError);
    expect(() => new MultinomialNaiveBayes({ alpha: 1, priorStrength: -1 })).toThrow(RangeError);
  });
});
