import type { Figures } from '../../app/types';
import { useLang, useT } from '../../i18n';
import { formatHours } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { definition } from './figureKeys';
import type { FigureKey } from './figureKeys';
import { WhatCounted } from './WhatCounted';

export function TotalsCards({ figures }: { figures: Figures }) {
  const t = useT();
  const { lang } = useLang();
  const tot = figures.totals;
  const cards: { key: FigureKey; value: string; sub?: string }[] = [
    { key: 'received', value: formatNumber(tot.received, lang) },
    { key: 'fixed', value: formatNumber(tot.fixed, lang) },
    { key: 'closed_unfixed', value: formatNumber(tot.closed_unfixed, lang) },
    { key: 'open', value: formatNumber(tot.open, lang) },
    { key: 'median_first_response_hours', value: formatHours(tot.median_first_response_hours, lang) },
    { key: 'median_fix_hours', value: formatHours(tot.median_fix_hours, lang) },
    {
      key: 'rating_avg',
      value: tot.rating_avg === null ? '—' : `${tot.rating_avg.toFixed(1)} / 5`,
      sub: t('figures.ratingCount', { n: formatNumber(tot.rating_count, lang) }),
    },
  ];
  return (
    <dl className="stat-cards">
      {cards.map((c) => (
        <div key={c.key} className="stat-card" data-testid={`total-${c.key}`}>
          <dt>{t(`figures.${c.key}`)}</dt>
          <dd>
            <span className="stat-card__value">{c.value}</span>
            {c.sub && <span className="stat-card__sub">{c.sub}</span>}
            <WhatCounted text={definition(figures, c.key, lang)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
