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
const SingleSignOn = lazy(() => import('./routes/account/SingleSignOn'));
const Profile = lazy(() => import('./routes/profile/Profile'));
const AuditLog = lazy(() => import('./routes/audit/AuditLog'));
const Notifications = lazy(() => import('./routes/notifications/Notifications'));
const NotFoundRoute = lazy(() => import('./routes/errors/NotFoundRoute'));
const EnrollmentHome = lazy(() => import('./routes/enrollment/EnrollmentHome'));
const EnrollmentWelcome = lazy(() => import('./routes/enrollment/Welcome'));
const EnrollmentApply = lazy(() => import('./routes/enrollment/Apply'));
const EnrollmentDetail = lazy(() => import('./routes/enrollment/EnrollmentDetail'));
const VerifyEmail = lazy(() => import('./routes/enrollment/VerifyEmail'));
const ResetPassword = lazy(() => import('./routes/auth/ResetPassword'));
const LegalInfo = lazy(() => import('./routes/partner/LegalInfo'));
const Locations = lazy(() => import('./routes/partner/Locations'));
const Agreements = lazy(() => import('./routes/agreements/Agreements'));
const ReviewQueue = lazy(() => import('./routes/operator/ReviewQueue'));
const EnrollmentReview = lazy(() => import('./routes/operator/EnrollmentReview'));
const Holidays = lazy(() => import('./routes/operator/Holidays'));
const OperatorAgreements = lazy(() => import('./routes/operator/OperatorAgreements'));
const CompanyRegistry = lazy(() => import('./routes/operator/CompanyRegistry'));
const BecomePublisher = lazy(() => import('./routes/marketplace/BecomePublisher'));
const MarketplaceOffers = lazy(() => import('./routes/marketplace/Offers'));
const OfferEditor = lazy(() => import('./routes/marketplace/OfferEditor'));
const SupportRequests = lazy(() => import('./routes/marketplace/SupportRequests'));
const SupportRequestForm = lazy(() => import('./routes/marketplace/SupportRequestForm'));
const CspOffers = lazy(() => import('./routes/marketplace/CspOffers'));
const OperatorSupportQueue = lazy(() => import('./routes/marketplace/OperatorSupportQueue'));
const Storefront = lazy(() => import('./routes/storefront/Storefront'));
const Markets = lazy(() => import('./routes/operator/Markets'));
const FindProvider = lazy(() => import('./routes/relationships/FindProvider'));
const IndirectResellers = lazy(() => import('./routes/relationships/IndirectResellers'));
const ResellerUsers = lazy(() => import('./routes/relationships/ResellerUsers'));
const IndirectProviders = lazy(() => import('./routes/relationships/IndirectProviders'));
const ResellerInvitation = lazy(() => import('./routes/invitations/ResellerInvitation'));
const CustomerInvitation = lazy(() => import('./routes/invitations/CustomerInvitation'));
const Customers = lazy(() => import('./routes/customers/Customers'));
const AddCustomer = lazy(() => import('./routes/customers/AddCustomer'));
const Checkout = lazy(() => import('./routes/customers/Checkout'));
const PartnerRelationships = lazy(() => import('./routes/customer/PartnerRelationships'));
const CustomerSubscriptions = lazy(() => import('./routes/customer/Subscriptions'));
const Products = lazy(() => import('./routes/operator/Products'));
const ApproveDelegatedAdmin = lazy(() => import('./routes/customer/ApproveDelegatedAdmin'));

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
      // A forgotten password: the request form, and the emailed single-use link (?token=).
      { path: '/reset-password', element: <ResetPassword /> },
      // The public marketplace storefront (MKP-10: never the CSP materials).
      { path: '/storefront', element: <Storefront /> },
      // Invitation links (REL-3, CUS-3): public, so that the invited organization sees the offer before signing in.
      { path: '/invitations/reseller/:token', element: <ResellerInvitation /> },
      { path: '/invitations/customer/:token', element: <CustomerInvitation /> },
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
          { path: 'account/single-sign-on', element: <SingleSignOn /> },
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
          { path: 'marketplace/publisher', element: <BecomePublisher /> },
          { path: 'marketplace/offers', element: <MarketplaceOffers /> },
          { path: 'marketplace/offers/:id', element: <OfferEditor /> },
          { path: 'marketplace/support-requests', element: <SupportRequests /> },
          { path: 'marketplace/support-requests/new', element: <SupportRequestForm /> },
          { path: 'marketplace/csp-offers', element: <CspOffers /> },
          { path: 'operator/support-requests', element: <OperatorSupportQueue /> },
          { path: 'operator/markets', element: <Markets /> },
          { path: 'relationships/directory', element: <FindProvider /> },
          { path: 'relationships/resellers', element: <IndirectResellers /> },
          { path: 'relationships/resellers/:tenantId/users', element: <ResellerUsers /> },
          { path: 'relationships/providers', element: <IndirectProviders /> },
          { path: 'customers', element: <Customers /> },
          { path: 'customers/new', element: <AddCustomer /> },
          { path: 'customers/:id/order', element: <Checkout /> },
          { path: 'partner-relationships', element: <PartnerRelationships /> },
          { path: 'subscriptions', element: <CustomerSubscriptions /> },
          { path: 'delegated-admin/approve', element: <ApproveDelegatedAdmin /> },
          { path: 'operator/products', element: <Products /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
