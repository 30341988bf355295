// The app's addresses. Real URLs: a case is shared by its reference (/cases/FOI-2026-00417).
import { createBrowserRouter } from 'react-router';
import { DirectoryPage, PeoplePage, TemplatesPage } from '../features/admin';
import { CasePage } from '../features/case';
import { AllCasesPage, MyWorkPage } from '../features/inbox';
import { LogRequestPage } from '../features/intake';
import { ReviewDocumentPage } from '../features/review';
import { AccountPage } from './AccountPage';
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
        { path: 'cases/new', element: <LogRequestPage /> },
        { path: 'cases/:reference', element: <CasePage /> },
        { path: 'cases/:reference/documents/:sha256/review', element: <ReviewDocumentPage /> },
        { path: 'admin/directory', element: <DirectoryPage /> },
        { path: 'admin/templates', element: <TemplatesPage /> },
        { path: 'admin/people', element: <PeoplePage /> },
        { path: 'account', element: <AccountPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
