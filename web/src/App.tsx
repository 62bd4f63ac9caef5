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
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
