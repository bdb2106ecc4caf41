import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { AppConfig, Report } from '../../app/types';
import { useName, useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';
import { usePageTitle, useShared } from '../../ui/hooks';

interface Props {
  report: Report;
  reporterToken: string | null;
  onAnother: () => void;
}

export function ReportSent({ report, reporterToken, onAnother }: Props) {
  const t = useT();
  const name = useName();
  const { data: config } = useShared<AppConfig>('/api/v1/config');
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('sent.title'));

  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);

  const code = report.code;
  const base = (config?.public_url || window.location.origin).replace(/\/+$/, '');
  const privateLink = reporterToken
    ? `${base}/r/${encodeURIComponent(code)}?key=${encodeURIComponent(reporterToken)}`
    : null;

  return (
    <section className="narrow sent">
      <h1 ref={heading} tabIndex={-1}>
        {t('sent.title')}
      </h1>
      <p className="sent__label" id="code-label">
        {t('sent.codeLabel')}
      </p>
      <p className="tracking-code" data-testid="tracking-code">
        {code}
      </p>
      <CopyButton text={code} label={t('sent.copyCode')} />
      {report.agency && <p>{t('sent.routed', { agency: name(report.agency) })}</p>}

      {privateLink && (
        <div className="keep-link">
          <h2>{t('sent.keepLink')}</h2>
          <p className="note">{t('sent.keepLinkNote')}</p>
          <label htmlFor="private-link">{t('sent.privateLink')}</label>
          <input
            id="private-link"
            data-testid="private-link"
            readOnly
            value={privateLink}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={privateLink} label={t('sent.copyLink')} />
        </div>
      )}

      <p className="row">
        <Link className="btn btn--primary" to={`/r/${encodeURIComponent(code)}`}>
          {t('sent.view')}
        </Link>
        <button type="button" className="btn" onClick={onAnother}>
          {t('sent.another')}
        </button>
      </p>
    </section>
  );
}
