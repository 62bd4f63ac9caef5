import { Suspense, lazy, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { Loading } from './components/Loading';
import { RequireAnonymous, RequireAuth } from './components/RequireAuth';
import { Shell } from './components/Shell';
import { PAGES, type PageAccess } from './navigation';
import { RouteError } from './routes/errors/RouteError';

const NotFoundRoute = lazy(() => import('./routes/errors/NotFoundRoute'));

function Root() {
  return (
    <Suspense fallback={<Loading fullPage />}>
      <Outlet />
    </Suspense>
  );
}

/** A page outside the shell, in the frame its access asks for. */
function framed(access: Exclude<PageAccess, 'shell'>, page: ReactNode): ReactNode {
  if (access === 'anonymous') return <RequireAnonymous>{page}</RequireAnonymous>;
  if (access === 'signedIn') return <RequireAuth>{page}</RequireAuth>;
  return page;
}

const standalone: RouteObject[] = PAGES.flatMap(({ path, page: Page, access = 'shell' }) =>
  access === 'shell' ? [] : [{ path, element: framed(access, <Page />) }],
);

// Pages in the shell, by their path below it ('/' is the shell's index).
const inShell: RouteObject[] = PAGES.flatMap(({ path, page: Page, access = 'shell' }) =>
  access !== 'shell' ? [] : [path === '/' ? { index: true, element: <Page /> } : { path: path.slice(1), element: <Page /> }],
);

const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      ...standalone,
      {
        path: '/',
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
        children: inShell,
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
