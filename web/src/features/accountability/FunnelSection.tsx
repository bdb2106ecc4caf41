import { lazy, Suspense } from 'react';
import { useLang, useT } from '../../i18n';
import { formatNumber, formatPercent } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatSatang } from '../../ui/money';
import type { FunnelFigures } from './types';

const FunnelChart = lazy(() => import('./FunnelChart'));

/** The five steps as two bar charts (count, money) with a text alternative, and the table. */
export function FunnelSection({ figures, scope }: { figures: FunnelFigures; scope: string }) {
  const t = useT();
  const { lang } = useLang();
  const summary = (metric: 'count' | 'money') =>
    figures.steps
      .map((s) => `${t(`accountability.step.${s.step}`)} ${metric === 'count' ? t('accountability.chartProjects', { n: formatNumber(s.count, lang) }) : formatSatang(s.satang, lang)}`)
      .join('; ');
  return (
    <>
      <div className="acc-charts">
        {(['count', 'money'] as const).map((metric) => (
          <figure key={metric} className="chart acc-chart">
            <figcaption>{t(metric === 'count' ? 'accountability.chartCount' : 'accountability.chartMoney')}</figcaption>
            <div role="img" aria-label={t('accountability.chartAlt', { what: t(metric === 'count' ? 'accountability.chartCount' : 'accountability.chartMoney'), summary: summary(metric) })}>
              <Suspense fallback={<Loading />}>
                <FunnelChart steps={figures.steps} metric={metric} />
              </Suspense>
            </div>
          </figure>
        ))}
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="acc-funnel-caption">
        <table className="table" data-testid="funnel-table">
          <caption id="acc-funnel-caption">{t('accountability.tableCaption', { scope })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accountability.col.step')}</th>
              <th scope="col">{t('accountability.col.count')}</th>
              <th scope="col">{t('accountability.col.share')}</th>
              <th scope="col">{t('accountability.col.money')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.steps.map((s) => (
              <tr key={s.step} data-step={s.step}>
                <th scope="row">{t(`accountability.step.${s.step}`)}</th>
                <td>{formatNumber(s.count, lang)}</td>
                <td>{formatPercent(s.share_of_previous, lang)}</td>
                <td>{formatSatang(s.satang, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('accountability.disbursed', { amount: formatSatang(figures.disbursed_satang, lang) })}</p>
    </>
  );
}
