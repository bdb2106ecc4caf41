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

/** The server's plain-words definition of a figure ("what is counted"), if it sent one. */
export function definition(figures: Figures, key: FigureKey, lang: Lang): string | null {
  const d = figures.definitions ?? {};
  return d[`${key}_${lang}`] ?? d[`${key}_th`] ?? null;
}
