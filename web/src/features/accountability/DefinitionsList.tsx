import { useLang, useT } from '../../i18n';
import { STEPS, type Definitions } from './types';

const EXTRA = ['disbursed', 'fiscal_year', 'demo'] as const;

/** What each step counts, in the words the API sends with the figures. */
export function DefinitionsList({ definitions }: { definitions: Definitions }) {
  const t = useT();
  const { lang } = useLang();
  const text = (key: string) => definitions[`${key}_${lang}`] ?? definitions[`${key}_th`] ?? '';
  return (
    <details className="what acc-definitions">
      <summary>{t('accountability.definitions')}</summary>
      <dl>
        {STEPS.map((s) => (
          <div key={s}>
            <dt>{t(`accountability.step.${s}`)}</dt>
            <dd>{text(s)}</dd>
          </div>
        ))}
        {EXTRA.map((k) => (
          <div key={k}>
            <dt>{k === 'disbursed' ? t('accountability.col.disbursed') : k === 'fiscal_year' ? t('accountability.fy') : t('common.demo')}</dt>
            <dd>{text(k)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
