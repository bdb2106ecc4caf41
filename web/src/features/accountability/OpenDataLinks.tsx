import { qs } from '../../app/api';
import { useLang, useT } from '../../i18n';
import type { Definitions } from './types';

const DATASETS = ['proposals', 'plans', 'progress'] as const;

/** Download links for the open-data files, with the page's filters. */
export function OpenDataLinks({ fiscalYear, districtCode, notes }: { fiscalYear: string; districtCode: string; notes: Definitions }) {
  const t = useT();
  const { lang } = useLang();
  const query = qs({ fiscal_year: fiscalYear, district_code: districtCode });
  return (
    <section aria-labelledby="acc-open-data">
      <h2 id="acc-open-data">{t('accountability.openData')}</h2>
      <p>{t('accountability.openDataLead')}</p>
      <ul className="link-list" data-testid="open-data-links">
        {DATASETS.map((d) => (
          <li key={d}>
            {t(`accountability.dataset.${d}`)}:{' '}
            {(['csv', 'json'] as const).map((format, i) => (
              <span key={format}>
                {i > 0 && ' · '}
                <a href={`/api/v1/plans/open-data/${d}.${format}${query}`} download>
                  {format.toUpperCase()}
                  <span className="visually-hidden"> {t('accountability.download', { dataset: t(`accountability.dataset.${d}`), format: format.toUpperCase() })}</span>
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
      <p className="note">{notes[`personal_data_${lang}`]}</p>
      <p className="note">{notes[`format_${lang}`]}</p>
    </section>
  );
}
