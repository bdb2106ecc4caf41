import { useLang, useT } from '../../../i18n';
import { formatNumber } from '../../../ui/format';
import { WhatCounted } from '../../figures/WhatCounted';
import { useLabels } from '../labels';
import { STAGES } from '../types';
import type { IntegrityFigures } from '../types';
import { definitionOf, monthLabel } from './figures';
import type { MonthRow } from './figures';

export function MonthTable({ rows, channels }: { rows: MonthRow[]; channels: string[] }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ig-month-caption">
      <table className="table">
        <caption id="ig-month-caption">{t('integrity.fig.monthTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.by.month')}</th>
            {channels.map((c) => (
              <th key={c} scope="col">
                {labels.channel(c)}
              </th>
            ))}
            <th scope="col">{t('integrity.fig.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.month}>
              <th scope="row">{monthLabel(r.month, lang)}</th>
              {channels.map((c) => (
                <td key={c}>{formatNumber(Number(r[c] ?? 0), lang)}</td>
              ))}
              <td>{formatNumber(r.total, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cases now in each stage, and the median days a stage took. */
export function StageTable({ figures }: { figures: IntegrityFigures }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const count = new Map(figures.by_stage.map((s) => [s.stage as string, s.count]));
  const medians = new Map(figures.median_days_per_stage.map((s) => [s.stage as string, s]));
  const days = new Map(figures.median_days_per_stage.map((s) => [s.stage as string, s.days]));
  const extra = [...count.keys(), ...days.keys()].filter((s) => !(STAGES as readonly string[]).includes(s));
  const stages = [...STAGES, ...new Set(extra)];
  const dayText = (d: number | null | undefined) =>
    d === null || d === undefined ? '—' : t('integrity.fig.days', { n: new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 }).format(d) });
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ig-stage-caption">
        <table className="table" data-testid="integrity-stage-table">
          <caption id="ig-stage-caption">{t('integrity.fig.stageTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrity.col.stage')}</th>
              <th scope="col">{t('integrity.fig.inStage')}</th>
              <th scope="col">{t('integrity.fig.medianDays')}</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s} data-stage={s}>
                <th scope="row">{labels.stage(s)}</th>
                <td>{formatNumber(count.get(s) ?? 0, lang)}</td>
                <td>
                  {dayText(days.get(s))}
                  {medians.get(s)?.small && days.get(s) !== null && (
                    <span className="unranked__note">{t('integrity.fig.fewCases', { n: formatNumber(medians.get(s)?.cases ?? 0, lang) })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <WhatCounted text={definitionOf(figures, ['by_stage'], lang)} />
      <WhatCounted text={definitionOf(figures, ['median_days_per_stage', 'median_days'], lang)} />
    </>
  );
}

export function SanctionTable({ figures }: { figures: IntegrityFigures }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  return (
    <>
      {figures.sanctions_by_kind.length === 0 ? (
        <p>{t('integrity.fig.noSanctions')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ig-sanction-caption">
          <table className="table" data-testid="integrity-sanction-table">
            <caption id="ig-sanction-caption">{t('integrity.fig.sanctionTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrity.act.sanctionKind')}</th>
                <th scope="col">{t('integrity.fig.count')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.sanctions_by_kind.map((s) => (
                <tr key={s.kind} data-kind={s.kind}>
                  <th scope="row">{labels.sanction(s.kind)}</th>
                  <td>{formatNumber(s.count, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <WhatCounted text={definitionOf(figures, ['sanctions_by_kind', 'sanctions'], lang)} />
    </>
  );
}
