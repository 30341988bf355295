// The app's addresses. Real URLs: a case is shared by its reference (/cases/FOI-2026-00417).
// My work and All cases are in the first bundle (a cold start opens on them); every other
// screen is its own chunk, loaded when first visited (the service worker precaches them all, so
// they open offline too). The review tool brings pdf.js and the redaction engine: megabytes a
// cold start of My work should not parse.
import { createBrowserRouter } from 'react-router';
import { AllCasesPage, MyWorkPage } from '../features/inbox';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <ErrorPage />,
      children: [
        { index: true, element: <MyWorkPage /> },
        { path: 'cases', element: <AllCasesPage /> },
        {
          path: 'cases/new',
          lazy: async () => ({ Component: (await import('../features/intake')).LogRequestPage }),
        },
        {
          path: 'cases/:reference',
          lazy: async () => ({ Component: (await import('../features/case')).CasePage }),
        },
        {
          path: 'cases/:reference/documents/:sha256/review',
          lazy: async () => ({ Component: (await import('../features/review')).ReviewDocumentPage }),
        },
        {
          path: 'admin/directory',
          lazy: async () => ({ Component: (await import('../features/admin')).DirectoryPage }),
        },
        {
          path: 'admin/templates',
          lazy: async () => ({ Component: (await import('../features/admin')).TemplatesPage }),
        },
        {
          path: 'admin/people',
          lazy: async () => ({ Component: (await import('../features/admin')).PeoplePage }),
        },
        { path: 'account', lazy: async () => ({ Component: (await import('./AccountPage')).AccountPage }) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
