import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';
import { usePageTitle } from '../../ui/hooks';
import { receiptGroups } from './caseApi';

interface Props {
  caseNumber: string;
  receipt: string;
  title: string;
  lead: string;
  doneLabel: string;
  onDone: () => void;
}

/**
 * The case number and its secret, shown once. Nothing here is stored: when this
 * component goes away (or the tab is closed) the secret is gone from the browser too.
 */
export function Receipt({ caseNumber, receipt, title, lead, doneLabel, onDone }: Props) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [kept, setKept] = useState(false);
  usePageTitle(title);
  const groups = receiptGroups(receipt);
  const grouped = groups.join(' ');

  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);

  return (
    <section className="narrow ig-receipt" data-print-receipt>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{lead}</p>
      <dl className="ig-receipt__box">
        <dt className="ig-receipt__label">{t('integrity.receipt.caseNumber')}</dt>
        <dd className="ig-receipt__case" data-testid="integrity-case-number">
          {caseNumber}
        </dd>
        <dt className="ig-receipt__label">{t('integrity.receipt.secret')}</dt>
        <dd className="ig-receipt__secret" data-testid="integrity-receipt">
          {groups.map((g, i) => (
            <span key={i} className="ig-receipt__group">
              {g}
            </span>
          ))}
        </dd>
      </dl>
      <div className="ig-warning" role="note">
        <h2>{t('integrity.receipt.warnTitle')}</h2>
        <p>{t('integrity.receipt.warn')}</p>
        <ul>
          <li>{t('integrity.receipt.tip1')}</li>
          <li>{t('integrity.receipt.tip2')}</li>
          <li>{t('integrity.receipt.tip3')}</li>
        </ul>
      </div>
      <div className="row no-print">
        <CopyButton text={`${caseNumber} ${grouped}`} label={t('integrity.receipt.copy')} />
        <button type="button" className="btn btn--small" onClick={() => window.print()}>
          {t('integrity.receipt.print')}
        </button>
      </div>
      <div className="no-print">
        <div className="field field--check">
          <input id="ig-kept" type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
          <label htmlFor="ig-kept">{t('integrity.receipt.kept')}</label>
        </div>
        <button type="button" className="btn btn--primary" disabled={!kept} onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
