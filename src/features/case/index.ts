// One case: its page at /cases/:reference (the case's shareable link).
export { CasePage } from './CasePage';
export { reviewDocumentPath } from './Documents';
