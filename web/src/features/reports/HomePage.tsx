import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { usePageTitle } from '../../ui/hooks';

export default function HomePage() {
  const t = useT();
  usePageTitle('');
  return (
    <>
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <div className="hero__actions">
          <Link className="btn btn--primary btn--large" to="/report/new">
            {t('home.report')}
          </Link>
          <Link className="btn btn--large" to="/track">
            {t('home.track')}
          </Link>
        </div>
      </section>
      <section aria-labelledby="how">
        <h2 id="how">{t('home.how')}</h2>
        <ol className="steps">
          <li>{t('home.step1')}</li>
          <li>{t('home.step2')}</li>
          <li>{t('home.step3')}</li>
        </ol>
        <ul className="link-list">
          <li>
            <Link to="/reports">{t('home.browse')}</Link>
          </li>
          <li>
            <Link to="/figures">{t('home.figures')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
