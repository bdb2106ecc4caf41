import type { figuresTh } from './figures.th';

// English texts of the public figures screens.
export const figuresEn: Record<keyof typeof figuresTh, string> = {
  'figures.title': 'Figures',
  'figures.lead':
    'Every figure is counted from real reports in the chosen period. Open "What is counted" to see how.',
  'figures.groupBy': 'Group by',
  'figures.by.district': 'District',
  'figures.by.agency': 'Agency',
  'figures.by.category': 'Category',
  'figures.by.channel': 'Channel',
  'figures.received': 'Received',
  'figures.fixed': 'Fixed',
  'figures.closed_unfixed': 'Closed without fix',
  'figures.open': 'Still open',
  'figures.median_first_response_hours': 'Time to first response (median)',
  'figures.median_fix_hours': 'Time to fix (median)',
  'figures.rating_avg': 'Average rating',
  'figures.fixed_share': 'Share fixed',
  'figures.ratingCount': 'from {n} ratings',
  'figures.chart': 'Chart of received, fixed and closed reports per group; the same figures are in the table below',
  'figures.chartTitle': 'Comparison by group',
  'figures.table': 'Figures by group',
  'figures.group': 'Group',
  'figures.unranked': 'Fewer than 30 reports, not ranked',
  'figures.demo': 'Includes {n} demo reports.',
};
