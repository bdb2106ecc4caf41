// The plan's money against the agency's ceiling, written out; bars only repeat the figures.
import { useT } from '../../i18n';
import { Money, Warnings } from './PlanBits';
import type { Totals } from './types';

function share(part: string, whole: string | null): number {
  if (!whole || BigInt(whole) === 0n) return 0;
  return Number((BigInt(part) * 10_000n) / BigInt(whole)) / 100;
}

function Row({ label, satang, of, over }: { label: string; satang: string; of?: string | null; over?: boolean }) {
  const width = of ? Math.min(100, share(satang, of)) : null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <Money satang={satang} />
      </dd>
      {width !== null && (
        <span className="bar" aria-hidden="true">
          <span className={`bar__fill${over ? ' bar__fill--over' : ''}`} style={{ width: `${width}%` }} />
        </span>
      )}
    </div>
  );
}

export function CeilingPanel({ totals }: { totals: Totals }) {
  const t = useT();
  const ceiling = totals.ceiling_satang;
  return (
    <section className="section" aria-labelledby="plan-money-heading">
      <h2 id="plan-money-heading">{t('plans.money.title')}</h2>
      <dl className="money-list">
        <div>
          <dt>{t('plans.money.ceiling')}</dt>
          <dd>{ceiling === null ? t('plans.money.noCeiling') : <Money satang={ceiling} />}</dd>
        </div>
        <Row label={t('plans.money.requested')} satang={totals.requested_satang} of={ceiling} over={totals.requested_over_ceiling} />
        <Row label={t('plans.money.approved')} satang={totals.approved_satang} of={ceiling} over={totals.approved_over_ceiling} />
        <Row label={t('plans.money.disbursed')} satang={totals.disbursed_satang} of={totals.approved_satang} />
        {ceiling !== null &&
          (totals.approved_over_ceiling ? (
            <div>
              <dt>{t('plans.money.overBy')}</dt>
              <dd>
                <Money satang={totals.over_by_satang} />
              </dd>
            </div>
          ) : (
            <div>
              <dt>{t('plans.money.remaining')}</dt>
              <dd>
                <Money satang={totals.remaining_satang} />
              </dd>
            </div>
          ))}
      </dl>
      <Warnings warnings={totals.warnings} />
    </section>
  );
}
