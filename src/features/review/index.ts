// Review: the clearance review tool for a case's PDF documents.
export { ReviewDocumentPage } from './ReviewDocumentPage';
