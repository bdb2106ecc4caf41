import { lazy } from 'react';
import { createBrowserRouter, Link, useRouteError } from 'react-router-dom';
import { Layout } from './Layout';
import { RequireRole } from './RequireRole';
import { DISTRICT_STAFF_ROLES, INTEGRITY_ROLES, ROLES, STAFF_ROLES } from './types';
import HomePage from '../features/reports/HomePage';
import { useT } from '../i18n';
import { usePageTitle } from '../ui/hooks';

// Every page but the home page is its own chunk: a phone on a slow line only
// downloads what the person opens.
const NewReportPage = lazy(() => import('../features/reports/NewReportPage'));
const TrackPage = lazy(() => import('../features/reports/TrackPage'));
const ReportPage = lazy(() => import('../features/reports/ReportPage'));
const ReportsListPage = lazy(() => import('../features/reports/ReportsListPage'));
const FiguresPage = lazy(() => import('../features/figures/FiguresPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const SignupPage = lazy(() => import('../features/auth/SignupPage'));
const LogoutPage = lazy(() => import('../features/auth/LogoutPage'));
const QueuePage = lazy(() => import('../features/staff/QueuePage'));
const StaffReportPage = lazy(() => import('../features/staff/StaffReportPage'));
const StaffNewComplaintPage = lazy(() => import('../features/integrity/report/StaffNewComplaintPage'));
const MyReportsPage = lazy(() => import('../features/reports/MyReportsPage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const CallCentrePage = lazy(() => import('../features/callcentre/CallCentrePage'));
const IntegrityHomePage = lazy(() => import('../features/integrity/IntegrityHomePage'));
const NewComplaintPage = lazy(() => import('../features/integrity/report/NewComplaintPage'));
const ComplaintReturnPage = lazy(() => import('../features/integrity/case/ReturnPage'));
const IntegrityRegisterPage = lazy(() => import('../features/integrity/public/RegisterPage'));
const IntegrityFiguresPage = lazy(() => import('../features/integrity/public/IntegrityFiguresPage'));
const IntegrityQueuePage = lazy(() => import('../features/integrity/staff/StaffQueuePage'));
const IntegrityCasePage = lazy(() => import('../features/integrity/staff/StaffCasePage'));
const CommunitiesPage = lazy(() => import('../features/communities/CommunitiesPage'));
const CommunityPage = lazy(() => import('../features/communities/CommunityPage'));
const CommunityFormPage = lazy(() => import('../features/communities/CommunityFormPage'));
const CommunityManagePage = lazy(() => import('../features/communities/CommunityManagePage'));
const NeedFormPage = lazy(() => import('../features/communities/NeedFormPage'));
const ProposalFormPage = lazy(() => import('../features/proposals/ProposalFormPage'));
const ProposalPage = lazy(() => import('../features/proposals/ProposalPage'));
const ReviewQueuePage = lazy(() => import('../features/proposals/ReviewQueuePage'));
const PlansPage = lazy(() => import('../features/plans/PlansPage'));
const PlanPage = lazy(() => import('../features/plans/PlanPage'));
const PlanItemPage = lazy(() => import('../features/plans/PlanItemPage'));
const AccountabilityPage = lazy(() => import('../features/accountability/AccountabilityPage'));

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

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/report/new', element: <NewReportPage /> },
          { path: '/track', element: <TrackPage /> },
          { path: '/r/:code', element: <ReportPage /> },
          { path: '/reports', element: <ReportsListPage /> },
          { path: '/figures', element: <FiguresPage /> },
          { path: '/login', element: <LoginPage /> },
          { path: '/signup', element: <SignupPage /> },
          { path: '/logout', element: <LogoutPage /> },
          {
            path: '/me',
            element: (
              <RequireRole roles={ROLES}>
                <MyReportsPage />
              </RequireRole>
            ),
          },
          {
            path: '/staff',
            element: (
              <RequireRole roles={STAFF_ROLES}>
                <QueuePage />
              </RequireRole>
            ),
          },
          {
            path: '/staff/r/:code',
            element: (
              <RequireRole roles={STAFF_ROLES}>
                <StaffReportPage />
              </RequireRole>
            ),
          },
          {
            path: '/callcentre',
            element: (
              <RequireRole roles={['agent', 'admin']}>
                <CallCentrePage />
              </RequireRole>
            ),
          },
          { path: '/integrity', element: <IntegrityHomePage /> },
          { path: '/integrity/new', element: <NewComplaintPage /> },
          { path: '/integrity/return', element: <ComplaintReturnPage /> },
          { path: '/integrity/register', element: <IntegrityRegisterPage /> },
          { path: '/integrity/figures', element: <IntegrityFiguresPage /> },
          {
            path: '/integrity/staff',
            element: (
              <RequireRole roles={INTEGRITY_ROLES}>
                <IntegrityQueuePage />
              </RequireRole>
            ),
          },
          {
            path: '/integrity/staff/new',
            element: (
              <RequireRole roles={['screening_officer', 'integrity_head', 'agent']}>
                <StaffNewComplaintPage />
              </RequireRole>
            ),
          },
          {
            path: '/integrity/staff/:number',
            element: (
              <RequireRole roles={INTEGRITY_ROLES}>
                <IntegrityCasePage />
              </RequireRole>
            ),
          },
          // Community needs -> proposals -> annual action plans -> results. Pages that
          // need an account check it themselves: a committee seat is not a role.
          { path: '/communities', element: <CommunitiesPage /> },
          {
            path: '/communities/new',
            element: (
              <RequireRole roles={DISTRICT_STAFF_ROLES}>
                <CommunityFormPage />
              </RequireRole>
            ),
          },
          { path: '/communities/:code', element: <CommunityPage /> },
          {
            path: '/communities/:code/edit',
            element: (
              <RequireRole roles={DISTRICT_STAFF_ROLES}>
                <CommunityFormPage />
              </RequireRole>
            ),
          },
          {
            path: '/communities/:code/manage',
            element: (
              <RequireRole roles={ROLES}>
                <CommunityManagePage />
              </RequireRole>
            ),
          },
          {
            path: '/communities/:code/needs/new',
            element: (
              <RequireRole roles={ROLES}>
                <NeedFormPage />
              </RequireRole>
            ),
          },
          {
            path: '/communities/:code/needs/:needId/edit',
            element: (
              <RequireRole roles={ROLES}>
                <NeedFormPage />
              </RequireRole>
            ),
          },
          {
            path: '/proposals/new',
            element: (
              <RequireRole roles={ROLES}>
                <ProposalFormPage />
              </RequireRole>
            ),
          },
          { path: '/proposals/:id', element: <ProposalPage /> },
          {
            path: '/proposals/:id/edit',
            element: (
              <RequireRole roles={ROLES}>
                <ProposalFormPage />
              </RequireRole>
            ),
          },
          {
            path: '/staff/proposals',
            element: (
              <RequireRole roles={DISTRICT_STAFF_ROLES}>
                <ReviewQueuePage />
              </RequireRole>
            ),
          },
          { path: '/plans', element: <PlansPage /> },
          { path: '/plans/:id', element: <PlanPage /> },
          { path: '/plans/:id/items/:itemId', element: <PlanItemPage /> },
          { path: '/accountability', element: <AccountabilityPage /> },
          {
            path: '/admin',
            element: (
              <RequireRole roles={['admin']}>
                <AdminPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
