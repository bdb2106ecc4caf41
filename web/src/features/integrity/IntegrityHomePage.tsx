import { Link } from 'react-router-dom';
import { hasRole, useAuth } from '../../app/auth';
import { INTEGRITY_ROLES } from '../../app/types';
import { useT } from '../../i18n';
import { usePageTitle } from '../../ui/hooks';
import { PrivacyNote } from './PrivacyNote';
import './integrity.css';

export default function IntegrityHomePage() {
  const t = useT();
  const { user } = useAuth();
  usePageTitle(t('integrity.title'));
  return (
    <>
      <section className="hero">
        <h1>{t('integrity.home.title')}</h1>
        <p className="lead">{t('integrity.home.lead')}</p>
        <div className="hero__actions">
          <Link className="btn btn--primary btn--large" to="/integrity/new">
            {t('integrity.home.file')}
          </Link>
          <Link className="btn btn--large" to="/integrity/return">
            {t('integrity.home.return')}
          </Link>
        </div>
      </section>
      <section aria-labelledby="ig-how">
        <h2 id="ig-how">{t('integrity.home.how')}</h2>
        <ol className="steps">
          <li>{t('integrity.home.step1')}</li>
          <li>{t('integrity.home.step2')}</li>
          <li>{t('integrity.home.step3')}</li>
          <li>{t('integrity.home.step4')}</li>
        </ol>
      </section>
      <PrivacyNote />
      <section aria-labelledby="ig-safety">
        <h2 id="ig-safety">{t('integrity.home.safetyTitle')}</h2>
        <ul className="plain-list">
          <li>{t('integrity.home.safety1')}</li>
          <li>{t('integrity.home.safety2')}</li>
          <li>{t('integrity.home.safety3')}</li>
        </ul>
      </section>
      <section aria-labelledby="ig-open">
        <h2 id="ig-open">{t('integrity.home.openTitle')}</h2>
        <p>{t('integrity.home.openLead')}</p>
        <div className="row">
          <Link className="btn" to="/integrity/register">
            {t('integrity.home.register')}
          </Link>
          <Link className="btn" to="/integrity/figures">
            {t('integrity.home.figures')}
          </Link>
          {hasRole(user, INTEGRITY_ROLES) && (
            <Link className="btn" to="/integrity/staff">
              {t('integrity.nav.staff')}
            </Link>
          )}
        </div>
      </section>
    </>
  );
}
