import { useState } from 'react';
import { api } from '../../../app/api';
import { useLang, useT } from '../../../i18n';
import { ErrorBox } from '../../../ui/ErrorBox';
import { useAction } from '../../../ui/hooks';
import { useLabels } from '../labels';
import type { IdentityView, StaffCase } from '../types';
import { TextAction } from './actions/TextAction';
import { staffCasePath } from './useCaseAction';

/** Viewing is audited and cannot be undone: a confirmation comes first, and nothing is kept after leaving the page. */
function ViewIdentity({ caseNumber }: { caseNumber: string }) {
  const t = useT();
  const { lang } = useLang();
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<IdentityView | null>(null);
  const { busy, error, run } = useAction();
  if (shown) {
    const who = shown.identity;
    const notice = (lang === 'th' ? shown.notice_th : shown.notice_en) || t('integrity.identity.recorded');
    return (
      <div className="ig-identity" data-testid="integrity-identity">
        <p className="ig-warning">{notice}</p>
        <dl className="facts">
          <div>
            <dt>{t('integrity.new.name')}</dt>
            <dd>{who.name || '—'}</dd>
          </div>
          <div>
            <dt>{t('integrity.new.phone')}</dt>
            <dd>{who.phone || '—'}</dd>
          </div>
          <div>
            <dt>{t('integrity.new.email')}</dt>
            <dd>{who.email || '—'}</dd>
          </div>
        </dl>
      </div>
    );
  }
  if (!confirming) {
    return (
      <button type="button" className="btn" onClick={() => setConfirming(true)}>
        {t('integrity.identity.view')}
      </button>
    );
  }
  return (
    <div className="ig-warning" role="group" aria-labelledby="ig-id-confirm-title">
      <h3 id="ig-id-confirm-title">{t('integrity.identity.confirmTitle')}</h3>
      <p>{t('integrity.identity.confirmText')}</p>
      <ErrorBox error={error} focus />
      <div className="row">
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy}
          onClick={async () => {
            const res = await run(() => api.get<IdentityView>(`${staffCasePath(caseNumber)}/identity`));
            if (res.ok) setShown(res.value);
          }}
        >
          {t('integrity.identity.confirm')}
        </button>
        <button type="button" className="btn" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

export function IdentityPanel({ data, onDone }: { data: StaffCase; onDone: () => void }) {
  const t = useT();
  const labels = useLabels();
  const [requested, setRequested] = useState<string | null>(null);
  const ab = data.abilities;
  const id = data.identity;
  const state = id.purged
    ? t('integrity.identity.purged')
    : !id.given
      ? t('integrity.identity.none')
      : id.may_disclose
        ? t('integrity.identity.available')
        : t('integrity.identity.notAllowed');
  const canAsk = ab.request_identity && id.given && !id.purged;
  return (
    <section className="section" aria-labelledby="ig-identity-title">
      <h2 id="ig-identity-title">{t('integrity.identity.title')}</h2>
      <p data-testid="integrity-identity-state">{state}</p>
      {requested && <p role="status">{t('integrity.identity.requestStatus', { status: labels.requestStatus(requested) })}</p>}
      {canAsk && !requested && (
        <TextAction
          id="request-identity"
          suffix="identity-requests"
          field="justification"
          caseNumber={data.case_number}
          onDone={() => {
            setRequested('pending');
            onDone();
          }}
          title={t('integrity.identity.request')}
          label={t('integrity.identity.justification')}
          hint={t('integrity.identity.justificationHint')}
          submitLabel={t('integrity.identity.requestGo')}
        />
      )}
      {ab.view_identity && id.given && !id.purged && <ViewIdentity caseNumber={data.case_number} />}
    </section>
  );
}
