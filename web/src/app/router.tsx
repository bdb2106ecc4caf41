import type { ComponentType } from 'react';
import { createBrowserRouter, Link, matchRoutes, useRouteError } from 'react-router-dom';
import type { RouteObject } from 'react-router-dom';
import { Layout } from './Layout';
import { RequireRole } from './RequireRole';
import { lazyPage } from './lazyPage';
import type { LazyPage } from './lazyPage';
import { DISTRICT_STAFF_ROLES, INTEGRITY_ROLES, ROLES, STAFF_ROLES } from './types';
import type { Role } from './types';
import HomePage from '../features/reports/HomePage';
import { useT } from '../i18n';
import { usePageTitle } from '../ui/hooks';

// Every page but the home page is its own chunk: a phone on a slow line only
// downloads what the person opens. A module's page names the dictionary parts it
// shows (the report pages need the core only; bench/lib/web-bundle.ts reads this list).
const NewReportPage = lazyPage(() => import('../features/reports/NewReportPage'));
const TrackPage = lazyPage(() => import('../features/reports/TrackPage'));
const ReportPage = lazyPage(() => import('../features/reports/ReportPage'));
const ReportsListPage = lazyPage(() => import('../features/reports/ReportsListPage'));
const FiguresPage = lazyPage(() => import('../features/figures/FiguresPage'), ['figures']);
const LoginPage = lazyPage(() => import('../features/auth/LoginPage'), ['auth']);
const SignupPage = lazyPage(() => import('../features/auth/SignupPage'), ['auth']);
const LogoutPage = lazyPage(() => import('../features/auth/LogoutPage'), ['auth']);
const QueuePage = lazyPage(() => import('../features/staff/QueuePage'), ['staff']);
const StaffReportPage = lazyPage(() => import('../features/staff/StaffReportPage'), ['staff']);
const StaffNewComplaintPage = lazyPage(() => import('../features/integrity/report/StaffNewComplaintPage'), ['integrity']);
const MyReportsPage = lazyPage(() => import('../features/reports/MyReportsPage'), ['auth']);
const AdminPage = lazyPage(() => import('../features/admin/AdminPage'), ['admin', 'open311', 'outbox']);
const CallCentrePage = lazyPage(() => import('../features/callcentre/CallCentrePage'), ['callcentre']);
const IntegrityHomePage = lazyPage(() => import('../features/integrity/IntegrityHomePage'), ['integrity']);
const NewComplaintPage = lazyPage(() => import('../features/integrity/report/NewComplaintPage'), ['integrity']);
const ComplaintReturnPage = lazyPage(() => import('../features/integrity/case/ReturnPage'), ['integrity']);
const IntegrityRegisterPage = lazyPage(() => import('../features/integrity/public/RegisterPage'), ['integrity']);
const IntegrityFiguresPage = lazyPage(() => import('../features/integrity/public/IntegrityFiguresPage'), ['integrity']);
const IntegrityQueuePage = lazyPage(() => import('../features/integrity/staff/StaffQueuePage'), ['integrity']);
const IntegrityCasePage = lazyPage(() => import('../features/integrity/staff/StaffCasePage'), ['integrity']);
const CommunitiesPage = lazyPage(() => import('../features/communities/CommunitiesPage'), ['communities']);
const CommunityPage = lazyPage(() => import('../features/communities/CommunityPage'), ['communities', 'accountability']);
const CommunityFormPage = lazyPage(() => import('../features/communities/CommunityFormPage'), ['communities']);
const CommunityManagePage = lazyPage(() => import('../features/communities/CommunityManagePage'), ['communities']);
const NeedFormPage = lazyPage(() => import('../features/communities/NeedFormPage'), ['communities']);
const ProposalFormPage = lazyPage(() => import('../features/proposals/ProposalFormPage'), ['proposals']);
const ProposalPage = lazyPage(() => import('../features/proposals/ProposalPage'), ['proposals', 'accountability']);
const ReviewQueuePage = lazyPage(() => import('../features/proposals/ReviewQueuePage'), ['proposals']);
const PlansPage = lazyPage(() => import('../features/plans/PlansPage'), ['plans']);
const PlanPage = lazyPage(() => import('../features/plans/PlanPage'), ['plans']);
const PlanItemPage = lazyPage(() => import('../features/plans/PlanItemPage'), ['plans']);
const AccountabilityPage = lazyPage(() => import('../features/accountability/AccountabilityPage'), ['accountability']);

function NotFound() {
  const t = useT();
  usePageTitle(t('app.notFound'));
  return (
    <section className="notice">
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </section>
  );
}

/** A page that crashed (or failed to load its chunk) keeps the header and says so plainly. */
function RouteError() {
  const t = useT();
  const error = useRouteError();
  console.error(error);
  return (
    <section className="notice">
      <h1>{t('error.page')}</h1>
      <p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('error.retry')}
        </button>
      </p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </section>
  );
}

/** A route showing `Page`, behind a role check when `roles` is given. */
function page(path: string, Page: ComponentType, roles?: readonly Role[]): RouteObject {
  const element = roles ? (
    <RequireRole roles={roles}>
      <Page />
    </RequireRole>
  ) : (
    <Page />
  );
  return { path, element, handle: { preload: (Page as Partial<LazyPage>).preload } };
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          page('/', HomePage),
          page('/report/new', NewReportPage),
          page('/track', TrackPage),
          page('/r/:code', ReportPage),
          page('/reports', ReportsListPage),
          page('/figures', FiguresPage),
          page('/login', LoginPage),
          page('/signup', SignupPage),
          page('/logout', LogoutPage),
          page('/me', MyReportsPage, ROLES),
          page('/staff', QueuePage, STAFF_ROLES),
          page('/staff/r/:code', StaffReportPage, STAFF_ROLES),
          page('/callcentre', CallCentrePage, ['agent', 'admin']),
          page('/integrity', IntegrityHomePage),
          page('/integrity/new', NewComplaintPage),
          page('/integrity/return', ComplaintReturnPage),
          page('/integrity/register', IntegrityRegisterPage),
          page('/integrity/figures', IntegrityFiguresPage),
          page('/integrity/staff', IntegrityQueuePage, INTEGRITY_ROLES),
          page('/integrity/staff/new', StaffNewComplaintPage, ['screening_officer', 'integrity_head', 'agent']),
          page('/integrity/staff/:number', IntegrityCasePage, INTEGRITY_ROLES),
          // Community needs -> proposals -> annual action plans -> results. Pages that
          // need an account check it themselves: a committee seat is not a role.
          page('/communities', CommunitiesPage),
          page('/communities/new', CommunityFormPage, DISTRICT_STAFF_ROLES),
          page('/communities/:code', CommunityPage),
          page('/communities/:code/edit', CommunityFormPage, DISTRICT_STAFF_ROLES),
          page('/communities/:code/manage', CommunityManagePage, ROLES),
          page('/communities/:code/needs/new', NeedFormPage, ROLES),
          page('/communities/:code/needs/:needId/edit', NeedFormPage, ROLES),
          page('/proposals/new', ProposalFormPage, ROLES),
          page('/proposals/:id', ProposalPage),
          page('/proposals/:id/edit', ProposalFormPage, ROLES),
          page('/staff/proposals', ReviewQueuePage, DISTRICT_STAFF_ROLES),
          page('/plans', PlansPage),
          page('/plans/:id', PlanPage),
          page('/plans/:id/items/:itemId', PlanItemPage),
          page('/accountability', AccountabilityPage),
          page('/admin', AdminPage, ['admin']),
          page('*', NotFound),
        ],
      },
    ],
  },
]);

/**
 * Starts downloading the page at `pathname` (and its texts) at once, beside the core
 * dictionary, instead of after the first render.
 */
export function preloadRoute(pathname: string): void {
  for (const match of matchRoutes(router.routes, pathname) ?? []) {
    const preload = (match.route.handle as { preload?: () => Promise<unknown> } | undefined)?.preload;
    preload?.().catch(() => undefined); // a failed download shows as the page's error when it renders
  }
}
