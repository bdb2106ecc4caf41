// Small pieces shared by the plans pages: status badges, progress meters, warnings.
import { useLang, useT } from '../../i18n';
import { formatSatang } from '../../ui/money';
import type { ItemStatus, Warning } from './types';

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  const t = useT();
  return <span className={`badge badge--${status}`}>{t(`plans.status.${status}`)}</span>;
}

export function PlanStatusBadge({ status, isDemo }: { status: 'draft' | 'published'; isDemo: boolean }) {
  const t = useT();
  return (
    <>
      <span className={`badge badge--${status}`}>{t(`plans.planStatus.${status}`)}</span>
      {isDemo && (
        <>
          {' '}
          <span className="badge badge--demo">{t('common.demo')}</span>
        </>
      )}
    </>
  );
}

/** A percentage written out, with a bar beside it that only repeats what the text says. */
export function Meter({ percent, label }: { percent: number | null; label?: string }) {
  const t = useT();
  const { lang } = useLang();
  const text = percent === null ? t('plans.noProgress') : `${percent.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 2 })}%`;
  return (
    <span className="meter">
      <span className="bar" aria-hidden="true">
        <span className="bar__fill" style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
      </span>
      <span className="meter__text">
        {label && <span className="visually-hidden">{label} </span>}
        {text}
      </span>
    </span>
  );
}

export function Money({ satang }: { satang: string | null | undefined }) {
  const { lang } = useLang();
  return <>{satang === null || satang === undefined ? '—' : formatSatang(satang, lang)}</>;
}

/** Money warnings in words, so nothing rests on colour alone. */
export function Warnings({ warnings }: { warnings: Warning[] }) {
  const t = useT();
  const { lang } = useLang();
  if (warnings.length === 0) return null;
  return (
    <div className="warnings" role="status">
      {warnings.map((w) => (
        <p key={w.code}>
          <strong>{t('plans.warning')}</strong> {w[lang]}
        </p>
      ))}
    </div>
  );
}
