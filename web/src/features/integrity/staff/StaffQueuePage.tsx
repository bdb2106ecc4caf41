import { Link } from 'react-router-dom';
import { hasRole, useAuth } from '../../../app/auth';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../ui/hooks';
import { CaseQueue } from './CaseQueue';
import { IdentityRequests } from './IdentityRequests';
import '../integrity.css';

export default function StaffQueuePage() {
  const t = useT();
  const { user } = useAuth();
  usePageTitle(t('integrity.staff.title'));
  // Custodians guard identities and see no case contents: their page is the request list.
  const custodian = hasRole(user, ['custodian']);
  return (
    <section>
      <h1>{t('integrity.staff.title')}</h1>
      {hasRole(user, ['screening_officer', 'integrity_head']) && (
        <p>
          <Link className="btn" to="/integrity/staff/new">{t('integrity.staffNew.link')}</Link>
        </p>
      )}
      {custodian ? <IdentityRequests /> : <CaseQueue />}
    </section>
  );
}
