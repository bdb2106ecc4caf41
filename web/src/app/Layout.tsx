import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router-dom';
import { hasRole, isStaff, useAuth } from './auth';
import { DISTRICT_STAFF_ROLES, INTEGRITY_ROLES } from './types';
import { useLang, useT } from '../i18n';
import { Loading } from '../ui/Loading';

function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  const other = lang === 'th' ? 'en' : 'th';
  return (
    <button
      type="button"
      className="btn btn--ghost lang-switch"
      lang={other}
      onClick={() => setLang(other)}
    >
      {t('app.switchLang')}
    </button>
  );
}

function AccountArea() {
  const { user, logout } = useAuth();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  if (!user) {
    const here = location.pathname + location.search;
    const next = here === '/login' || here === '/signup' ? '' : `?next=${encodeURIComponent(here)}`;
    return (
      <NavLink className="header__link" to={`/login${next}`}>
        {t('nav.login')}
      </NavLink>
    );
  }
  return (
    <span className="account">
      <span className="account__name">{t('nav.signedInAs', { name: user.display_name })}</span>
      <button
        type="button"
        className="btn btn--ghost"
        onClick={async () => {
          await logout().catch(() => undefined);
          navigate('/');
        }}
      >
        {t('nav.logout')}
      </button>
    </span>
  );
}

export function Layout() {
  const t = useT();
  const { user } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and
  // screen-reader users start at its content rather than at the old link.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    } else {
      mainRef.current?.focus({ preventScroll: true });
    }
  }, [location.pathname]);

  const links: { to: string; label: string; end?: boolean }[] = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/report/new', label: t('nav.report') },
    { to: '/track', label: t('nav.track') },
    { to: '/reports', label: t('nav.reports') },
    { to: '/figures', label: t('nav.figures') },
    { to: '/communities', label: t('communities.nav') },
    { to: '/accountability', label: t('accountability.nav') },
    { to: '/integrity', label: t('integrity.nav.report') },
  ];
  if (user) links.push({ to: '/me', label: t('nav.mine') });
  if (isStaff(user)) links.push({ to: '/staff', label: t('nav.staff') });
  if (hasRole(user, DISTRICT_STAFF_ROLES)) links.push({ to: '/staff/proposals', label: t('proposals.nav') });
  if (hasRole(user, DISTRICT_STAFF_ROLES)) links.push({ to: '/plans', label: t('plans.nav') });
  if (hasRole(user, INTEGRITY_ROLES)) links.push({ to: '/integrity/staff', label: t('integrity.nav.staff') });
  if (hasRole(user, ['agent', 'admin'])) links.push({ to: '/callcentre', label: t('nav.callcentre') });
  if (hasRole(user, ['admin'])) links.push({ to: '/admin', label: t('nav.admin') });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="header__bar">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <div className="header__tools">
            <LangSwitch />
            <button
              type="button"
              className="btn btn--ghost menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              {t('app.menu')}
            </button>
          </div>
        </div>
        <nav id="main-nav" aria-label={t('app.nav')} className={`nav${menuOpen ? ' nav--open' : ''}`}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end} className="header__link">
                  {l.label}
                </NavLink>
              </li>
            ))}
            <li className="nav__account">
              <AccountArea />
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
      <ScrollRestoration />
    </>
  );
}
