import type { Figures } from '../../app/types';
import type { Lang } from '../../i18n';

export const FIGURE_KEYS = [
  'received',
  'fixed',
  'closed_unfixed',
  'open',
  'median_first_response_hours',
  'median_fix_hours',
  'rating_avg',
  'fixed_share',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

// The server names its definitions after the figure ("median_fix", "rating"), not after
// the field carrying the number ("median_fix_hours", "rating_avg"); accept both.
function candidates(key: string): string[] {
  return [key, key.replace(/_hours$/, ''), key.replace(/_avg$/, '')];
}

/** The server's plain-words definition of a figure ("what is counted"), if it sent one. */
export function definition(figures: Figures, key: FigureKey | 'ranked' | 'demo', lang: Lang): string | null {
  const d = figures.definitions ?? {};
  for (const k of candidates(key)) {
    const text = d[`${k}_${lang}`] ?? d[`${k}_th`];
    if (text) return text;
  }
  return null;
}
