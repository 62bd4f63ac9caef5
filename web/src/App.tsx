import { Suspense, lazy } from 'react';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { Loading } from './components/Loading';
import { RequireAnonymous, RequireAuth } from './components/RequireAuth';
import { Shell } from './components/Shell';
import { RouteError } from './routes/errors/RouteError';

const SignIn = lazy(() => import('./routes/auth/SignIn'));
const SignUp = lazy(() => import('./routes/auth/SignUp'));
const ChangePassword = lazy(() => import('./routes/auth/ChangePassword'));
const Home = lazy(() => import('./routes/home/Home'));
const Users = lazy(() => import('./routes/account/Users'));
const Profile = lazy(() => import('./routes/profile/Profile'));
const AuditLog = lazy(() => import('./routes/audit/AuditLog'));
const Notifications = lazy(() => import('./routes/notifications/Notifications'));
const NotFoundRoute = lazy(() => import('./routes/errors/NotFoundRoute'));
const EnrollmentHome = lazy(() => import('./routes/enrollment/EnrollmentHome'));
const EnrollmentWelcome = lazy(() => import('./routes/enrollment/Welcome'));
const EnrollmentApply = lazy(() => import('./routes/enrollment/Apply'));
const EnrollmentDetail = lazy(() => import('./routes/enrollment/EnrollmentDetail'));
const VerifyEmail = lazy(() => import('./routes/enrollment/VerifyEmail'));
const LegalInfo = lazy(() => import('./routes/partner/LegalInfo'));
const Locations = lazy(() => import('./routes/partner/Locations'));
const Agreements = lazy(() => import('./routes/agreements/Agreements'));
const ReviewQueue = lazy(() => import('./routes/operator/ReviewQueue'));
const EnrollmentReview = lazy(() => import('./routes/operator/EnrollmentReview'));
const Holidays = lazy(() => import('./routes/operator/Holidays'));
const OperatorAgreements = lazy(() => import('./routes/operator/OperatorAgreements'));
const CompanyRegistry = lazy(() => import('./routes/operator/CompanyRegistry'));

function Root() {
  return (
    <Suspense fallback={<Loading fullPage />}>
      <Outlet />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/signin',
        element: (
          <RequireAnonymous>
            <SignIn />
          </RequireAnonymous>
        ),
      },
      {
        path: '/signup',
        element: (
          <RequireAnonymous>
            <SignUp />
          </RequireAnonymous>
        ),
      },
      // The emailed confirmation link (ENR-5): opened by the primary contact, signed in or not.
      { path: '/verify-email', element: <VerifyEmail /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth>
            <ChangePassword />
          </RequireAuth>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Home /> },
          { path: 'account/users', element: <Users /> },
          { path: 'profile', element: <Profile /> },
          { path: 'audit', element: <AuditLog /> },
          { path: 'notifications', element: <Notifications /> },
          { path: 'enrollment', element: <EnrollmentHome /> },
          { path: 'enrollment/welcome', element: <EnrollmentWelcome /> },
          { path: 'enrollment/apply/:program', element: <EnrollmentApply /> },
          { path: 'enrollment/:id', element: <EnrollmentDetail /> },
          { path: 'legal-info', element: <LegalInfo /> },
          { path: 'locations', element: <Locations /> },
          { path: 'agreements', element: <Agreements /> },
          { path: 'operator/enrollments', element: <ReviewQueue /> },
          { path: 'operator/enrollments/:id', element: <EnrollmentReview /> },
          { path: 'operator/holidays', element: <Holidays /> },
          { path: 'operator/agreements', element: <OperatorAgreements /> },
          { path: 'operator/company-registry', element: <CompanyRegistry /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
