import { api } from '../../../app/api';
import { useT } from '../../../i18n';
import type { StaffCase } from '../types';
import { UploadEvidence } from '../UploadEvidence';
import { AssignAction } from './actions/AssignAction';
import { FindingAction } from './actions/FindingAction';
import { LinkAction } from './actions/LinkAction';
import { MergeAction } from './actions/MergeAction';
import { SanctionAction } from './actions/SanctionAction';
import { ScreenAction } from './actions/ScreenAction';
import { TextAction } from './actions/TextAction';
import { staffCasePath } from './useCaseAction';

/** Only the actions the server says this person may take now (abilities). */
export function CaseActions({ data, onDone, done }: { data: StaffCase; onDone: () => void; done: boolean }) {
  const t = useT();
  const ab = data.abilities;
  const props = { caseNumber: data.case_number, onDone };
  const passive = ['view', 'download_evidence', 'request_identity', 'view_identity'];
  const any = Object.entries(ab).some(([k, v]) => v && !passive.includes(k));
  return (
    <section className="section" aria-labelledby="ig-actions-title">
      <h2 id="ig-actions-title">{t('staff.actions')}</h2>
      <p role="status" className="status">
        {done ? t('staff.done') : ''}
      </p>
      {!any && <p>{t('staff.noActions')}</p>}
      <div className="action-grid">
        {ab.screen && <ScreenAction {...props} kind={typeof data.allegation_kind === 'string' ? data.allegation_kind : null} />}
        {ab.assign && <AssignAction {...props} />}
        {ab.ask && (
          <TextAction {...props} id="ask" suffix="questions" field="text" title={t('integrity.act.ask')} label={t('integrity.act.question')} hint={t('integrity.act.askHint')} submitLabel={t('integrity.act.askGo')} />
        )}
        {ab.note && <TextAction {...props} id="note" suffix="notes" field="text" title={t('integrity.act.note')} label={t('staff.noteText')} submitLabel={t('staff.addNote')} />}
        {ab.add_evidence && (
          <div className="action-card" data-testid="action-evidence">
            <h3>{t('integrity.act.evidence')}</h3>
            <UploadEvidence id="staff-evidence" upload={(form) => api.post(`${staffCasePath(data.case_number)}/evidence`, form)} onDone={onDone} />
          </div>
        )}
        {ab.finding && <FindingAction {...props} />}
        {ab.sanctions && <SanctionAction {...props} current={data.sanctions} />}
        {ab.link && <LinkAction {...props} />}
        {ab.merge && <MergeAction {...props} />}
        {ab.reopen && <TextAction {...props} id="reopen" suffix="reopen" field="reason" title={t('integrity.act.reopen')} label={t('staff.reason')} submitLabel={t('integrity.act.reopen')} />}
        {ab.close && <TextAction {...props} id="close" suffix="close" field="reason" title={t('integrity.act.close')} label={t('staff.reason')} submitLabel={t('integrity.act.close')} danger />}
      </div>
    </section>
  );
}
