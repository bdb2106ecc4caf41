import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { hasRole, useAuth } from './auth';
import type { Role } from './types';
import { useT } from '../i18n';
import { Loading } from '../ui/Loading';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user, ready } = useAuth();
  const t = useT();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <section className="notice">
        <h1>{t('auth.needLogin')}</h1>
        <p>
          <Link className="btn btn--primary" to={`/login?next=${next}`}>
            {t('nav.login')}
          </Link>
        </p>
      </section>
    );
  }
  if (!hasRole(user, roles)) {
    return (
      <section className="notice">
        <h1>{t('auth.forbidden')}</h1>
        <p>
          <Link to="/">{t('app.backHome')}</Link>
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
