import { Link } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { formatSatang } from '../../ui/money';
import { STEPS, type NamedRow } from './types';

interface Props {
  rows: NamedRow[];
  caption: string;
  kind: 'district' | 'community';
  /** Where a row's name links to. */
  hrefOf: (row: NamedRow) => string;
}

/** One row per district (or community): each step's count with its money under it. */
export function BreakdownTable({ rows, caption, kind, hrefOf }: Props) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const id = `acc-${kind}-caption`;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="table acc-breakdown" data-testid={`by-${kind}`}>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(kind === 'district' ? 'accountability.col.district' : 'accountability.col.community')}</th>
            {STEPS.map((s) => (
              <th key={s} scope="col">
                {t(`accountability.step.${s}`)}
              </th>
            ))}
            <th scope="col">{t('accountability.col.disbursed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <Link to={hrefOf(row)}>{name(row) || String(row.code)}</Link>
                {(row.is_demo || row.includes_demo) && <span className="badge badge--demo acc-badge">{t('common.demo')}</span>}
              </th>
              {row.steps.map((s) => (
                <td key={s.step}>
                  <span className="acc-count">{t('accountability.cellProjects', { n: formatNumber(s.count, lang) })}</span>
                  <span className="acc-money">{formatSatang(s.satang, lang)}</span>
                </td>
              ))}
              <td>{formatSatang(row.disbursed_satang, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
