// The review tool's document viewer: pages drawn by pdf.js near the viewport, text selection,
// search hits, thumbnails, zoom and page jump. The review screen draws its marks in the overlay.
export { DocumentViewer } from './DocumentViewer';
export { Thumbnails } from './Thumbnails';
export type { DocumentViewerProps, PageSize, Rect, SelectedText, ViewerHandle } from './types';
export { type DocumentSearch, useDocumentSearch } from './useDocumentSearch';
export { PageJump, ZoomControls } from './ZoomControls';
export { clampScale, fitWidthScale, MAX_SCALE, MIN_SCALE, zoomIn, zoomOut } from './zoom';
