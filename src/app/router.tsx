// The app's addresses. Real URLs: a case is shared by its reference (/cases/FOI-2026-00417).
// The lists, the case page and the request form are in the first bundle: they are the offline
// journey, and a device that loses its signal a moment after starting must still open them;
// so is the list of changes the server did not accept, which is mostly read after working offline.
// The review tool (pdf.js and the redaction engine: megabytes a cold start of My work should
// not parse), administration and the account page are chunks of their own, fetched as soon as
// the first screen is up (warmRoutes) and precached by the service worker for later starts.
// pdf.js's own worker file is not warmed: until the service worker is installed (seconds after
// the first start), opening a document still needs the network.
import { createBrowserRouter } from 'react-router';
import { CasePage } from '../features/case';
import { AllCasesPage, MyWorkPage } from '../features/inbox';
import { LogRequestPage } from '../features/intake';
import { NOT_ACCEPTED_PATH, NotAcceptedPage } from '../features/refused';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

const loadReview = () => import('../features/review');
const loadAdmin = () => import('../features/admin');
const loadAccount = () => import('./AccountPage');

/**
 * Fetches the other screens' chunks once the first screen is drawn, so they open later in this
 * visit even if the network has gone by then (before the service worker has them).
 */
export function warmRoutes(): void {
  const warm = () => {
    for (const load of [loadReview, loadAdmin, loadAccount]) void load().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(warm, { timeout: 1500 });
  else setTimeout(warm, 500);
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <ErrorPage />,
      children: [
        { index: true, element: <MyWorkPage /> },
        { path: 'cases', element: <AllCasesPage /> },
        { path: 'cases/new', element: <LogRequestPage /> },
        { path: 'cases/:reference', element: <CasePage /> },
        { path: NOT_ACCEPTED_PATH, element: <NotAcceptedPage /> },
        {
          path: 'cases/:reference/documents/:sha256/review',
          lazy: async () => ({ Component: (await loadReview()).ReviewDocumentPage }),
        },
        { path: 'admin/directory', lazy: async () => ({ Component: (await loadAdmin()).DirectoryPage }) },
        { path: 'admin/templates', lazy: async () => ({ Component: (await loadAdmin()).TemplatesPage }) },
        { path: 'admin/people', lazy: async () => ({ Component: (await loadAdmin()).PeoplePage }) },
        { path: 'account', lazy: async () => ({ Component: (await loadAccount()).AccountPage }) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
