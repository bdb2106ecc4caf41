import type { FigureGroup, Figures } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { formatHours } from '../../ui/date';
import { formatNumber, formatPercent } from '../../ui/format';
import { definition, type FigureKey } from './figureKeys';

const COLUMNS: FigureKey[] = [
  'received',
  'fixed',
  'closed_unfixed',
  'open',
  'fixed_share',
  'median_first_response_hours',
  'median_fix_hours',
];

export function FiguresTable({ figures, groups }: { figures: Figures; groups: FigureGroup[] }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();

  const cell = (g: FigureGroup, k: FigureKey): string => {
    switch (k) {
      case 'fixed_share':
        return formatPercent(g.fixed_share, lang);
      case 'median_first_response_hours':
      case 'median_fix_hours':
        return formatHours(g[k], lang);
      case 'received':
      case 'fixed':
      case 'closed_unfixed':
      case 'open':
        return formatNumber(g[k], lang);
      default:
        return '—';
    }
  };

  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="fig-table-caption">
      <table className="table">
        <caption id="fig-table-caption">{t('figures.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.group')}</th>
            {COLUMNS.map((k) => (
              <th key={k} scope="col" title={definition(figures, k, lang) ?? undefined}>
                {t(`figures.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} className={g.ranked ? undefined : 'unranked'} data-ranked={g.ranked}>
              <th scope="row">
                {name(g) || g.key}
                {!g.ranked && <span className="unranked__note">{t('figures.unranked')}</span>}
              </th>
              {COLUMNS.map((k) => (
                <td key={k}>{cell(g, k)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
