import { useEffect, useRef } from 'react';
import { useLang, useName, useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';
import type { FiledReport } from './types';

/** The tracking number, big, with how to say it; then on to the next caller. */
export function FiledPanel({ filed, onNext }: { filed: FiledReport; onNext: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const code = filed.report.code;
  return (
    <section className="section callcentre__filed" aria-labelledby="cc-filed">
      <h2 id="cc-filed" ref={heading} tabIndex={-1}>
        {t('callcentre.filed')}
      </h2>
      <p className="sent__label">{t('callcentre.trackingLabel')}</p>
      <p className="tracking-code callcentre__code" data-testid="tracking-code">
        {code}
      </p>
      <p className="readback__label">{t('callcentre.spelled')}</p>
      <p className="readback__text" lang="th" data-testid="tracking-readback">
        {filed.readback_th}
      </p>
      <p className="readback__other" lang="en">
        {filed.readback_en}
      </p>
      <CopyButton text={code} label={t('sent.copyCode')} />
      <ul className="plain-list callcentre__facts">
        <li>{t('callcentre.routedTo', { agency: name(filed.report.agency) })}</li>
        <li className={filed.place.district_mismatch ? 'place--outside' : undefined}>{lang === 'th' ? filed.place.note_th : filed.place.note_en}</li>
        <li>{t(`callcentre.queued.${filed.follow_up.channel}`)}</li>
      </ul>
      <button type="button" className="btn btn--primary btn--large" onClick={onNext} aria-keyshortcuts="Alt+N">
        {t('callcentre.nextCaller')} <span className="callcentre__keys">{t('callcentre.nextKeys')}</span>
      </button>
    </section>
  );
}
