import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useT } from '../../i18n';
import { usePageTitle } from '../../ui/hooks';

/** /logout as a link target: signs out, then goes home. The header uses a button instead. */
export default function LogoutPage() {
  const t = useT();
  const { logout } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('nav.logout'));
  useEffect(() => {
    let live = true;
    logout()
      .catch(() => undefined)
      .finally(() => live && navigate('/', { replace: true }));
    return () => {
      live = false;
    };
  }, [logout, navigate]);
  return (
    <p role="status" className="loading">
      {t('auth.loggingOut')}
    </p>
  );
}
