import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { Receipt } from '../Receipt';
import type { Filed } from '../types';
import { ComplaintForm } from './NewComplaintPage';

type StaffChannel = 'call_centre' | 'paper' | 'letter';

/**
 * Staff file a complaint that came by phone, on paper or by letter. The receipt is
 * handed over once; the person must replace it on first return, so staff never keep a
 * working secret.
 */
export default function StaffNewComplaintPage() {
  const t = useT();
  const navigate = useNavigate();
  const [channel, setChannel] = useState<StaffChannel>('paper');
  const [filed, setFiled] = useState<Filed | null>(null);
  if (filed) {
    return (
      <Receipt
        caseNumber={filed.case_number}
        receipt={filed.receipt}
        title={t('integrity.staffNew.receiptTitle')}
        lead={t('integrity.staffNew.receiptLead')}
        doneLabel={t('integrity.receipt.done')}
        onDone={() => {
          setFiled(null);
          navigate('/integrity/staff');
        }}
      />
    );
  }
  return (
    <>
      <Field id="staff-channel" label={t('integrity.staffNew.channel')} required>
        {(a) => (
          <select {...a} value={channel} onChange={(e) => setChannel(e.target.value as StaffChannel)}>
            <option value="paper">{t('integrity.staffNew.paper')}</option>
            <option value="letter">{t('integrity.staffNew.letter')}</option>
            <option value="call_centre">{t('integrity.staffNew.callCentre')}</option>
          </select>
        )}
      </Field>
      <ComplaintForm staffChannel={channel} onFiled={setFiled} />
    </>
  );
}
