import { useState } from 'react';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import { AcceptAction } from './actions/AcceptAction';
import { AssignAction } from './actions/AssignAction';
import { CloseAction } from './actions/CloseAction';
import { CoownerStatusAction } from './actions/CoownerStatusAction';
import { FixAction } from './actions/FixAction';
import { ForwardAction } from './actions/ForwardAction';
import { InviteCoownerAction } from './actions/InviteCoownerAction';
import { NoteAction } from './actions/NoteAction';
import { RecategorizeAction } from './actions/RecategorizeAction';

/** Only the actions the server says this person may take (report.abilities). */
export function ActionPanel({ report, onUpdated }: { report: Report; onUpdated: (r: Report) => void }) {
  const t = useT();
  const [done, setDone] = useState(false);
  const ab = report.abilities;
  const props = {
    report,
    onUpdated: (r: Report) => {
      setDone(true);
      onUpdated(r);
    },
  };
  const any =
    ab.accept || ab.forward || ab.invite_coowner || ab.coowner_status || ab.note || ab.fix || ab.close || ab.assign || ab.recategorize;
  return (
    <section className="section" aria-labelledby="staff-actions-title">
      <h2 id="staff-actions-title">{t('staff.actions')}</h2>
      <p role="status" className="status">
        {done ? t('staff.done') : ''}
      </p>
      {!any && <p>{t('staff.noActions')}</p>}
      <div className="action-grid">
        {ab.accept && <AcceptAction {...props} />}
        {ab.coowner_status && <CoownerStatusAction {...props} />}
        {ab.note && <NoteAction {...props} />}
        {ab.fix && <FixAction {...props} />}
        {ab.assign && <AssignAction key={String(report.staff?.assignee?.id ?? '')} {...props} />}
        {ab.forward && <ForwardAction {...props} />}
        {ab.invite_coowner && <InviteCoownerAction {...props} />}
        {ab.recategorize && <RecategorizeAction {...props} />}
        {ab.close && <CloseAction {...props} />}
      </div>
    </section>
  );
}
