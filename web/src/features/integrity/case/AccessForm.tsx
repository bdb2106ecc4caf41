import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../../i18n';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Field } from '../../../ui/Field';
import { useAction } from '../../../ui/hooks';
import { WB, normalizeReceipt, useCaseRequest } from '../caseApi';
import type { Access } from '../types';

interface Props {
  notice?: string | null;
  onAccess: (access: Access, caseNumber: string) => void;
}

/** Case number + secret. A wrong pair gets one message that never says which half was wrong. */
export function AccessForm({ notice, onAccess }: Props) {
  const t = useT();
  const request = useCaseRequest();
  const [caseNumber, setCaseNumber] = useState('');
  const [receipt, setReceipt] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = caseNumber.trim().toUpperCase();
    const secret = normalizeReceipt(receipt);
    const m: Record<string, string> = {};
    if (!number) m.case_number = t('integrity.return.needNumber');
    if (!secret) m.receipt = t('integrity.return.needReceipt');
    setMissing(m);
    if (Object.keys(m).length) {
      document.getElementById(m.case_number ? 'ig-case-number' : 'ig-receipt')?.focus();
      return;
    }
    const res = await run(() => request<Access>(WB.access, { method: 'POST', body: { case_number: number, receipt: secret } }));
    if (res.ok) {
      setReceipt('');
      onAccess(res.value, number);
    }
  };

  // 401/404 and validation failures alike: one message, no hint about which half was wrong.
  const wrong = !!error && [400, 401, 403, 404, 422].includes(error.status);
  const limited = error?.status === 429;

  return (
    <form className="form" onSubmit={submit} noValidate autoComplete="off">
      {notice && (
        <p className="note" role="status">
          {notice}
        </p>
      )}
      <Field id="ig-case-number" label={t('integrity.receipt.caseNumber')} hint={t('integrity.return.numberHint')} required error={missing.case_number}>
        {(a) => (
          <input
            {...a}
            name="case_number"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
          />
        )}
      </Field>
      <Field id="ig-receipt" label={t('integrity.receipt.secret')} hint={t('integrity.return.receiptHint')} required error={missing.receipt}>
        {(a) => (
          <input
            {...a}
            name="receipt"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={receipt}
            onChange={(e) => setReceipt(e.target.value)}
          />
        )}
      </Field>
      {wrong && (
        <div className="error-box" role="alert" data-testid="integrity-access-error">
          <p>{t('integrity.return.wrong')}</p>
        </div>
      )}
      {limited && (
        <div className="error-box" role="alert">
          <p>{t('integrity.return.limited')}</p>
        </div>
      )}
      {!wrong && !limited && <ErrorBox error={error} />}
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('integrity.return.open')}
      </button>
    </form>
  );
}
