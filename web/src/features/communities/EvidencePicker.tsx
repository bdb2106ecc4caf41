import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { StateBadge } from '../../ui/StateBadge';
import type { Named, ReportState } from '../../app/types';

export interface CitableReport {
  code: string;
  category: Named;
  state: ReportState;
  distance_m: number;
  created_at: string;
  description?: string;
  is_demo: boolean;
}

interface Props {
  reports: CitableReport[];
  selected: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

/**
 * City reports near the community, each a checkbox named by its tracking code (the
 * details are its description), so a need can cite them as evidence.
 */
export function EvidencePicker({ reports, selected, onChange, error }: Props) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  return (
    <fieldset className="section" aria-describedby={error ? 'cite-error' : 'cite-hint'}>
      <legend>
        <h2>{t('communities.needForm.evidence')}</h2>
      </legend>
      <p className="field__hint" id="cite-hint">
        {t('communities.needForm.evidenceHint')}
      </p>
      {reports.length === 0 ? (
        <p>{t('communities.needForm.noNearby')}</p>
      ) : (
        <ul className="cite-list">
          {reports.map((r) => {
            const id = `cite-${r.code}`;
            return (
              <li key={r.code}>
                <input
                  type="checkbox"
                  id={id}
                  value={r.code}
                  checked={selected.includes(r.code)}
                  onChange={(e) => toggle(r.code, e.target.checked)}
                  aria-describedby={`${id}-about`}
                />
                <div>
                  <label htmlFor={id}>{r.code}</label>
                  <p className="card__meta" id={`${id}-about`}>
                    {name(r.category)} · <StateBadge state={r.state} /> · {t('common.meters', { n: formatNumber(r.distance_m, lang) })} ·{' '}
                    {formatDate(r.created_at, lang)}
                    {r.is_demo && <> · {t('common.demo')}</>}
                    {r.description && (
                      <>
                        <br />
                        {r.description}
                      </>
                    )}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="field__error" id="cite-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
