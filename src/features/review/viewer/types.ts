// The viewer's public types: what the review screen passes in and what it can ask of the viewer.
// Coordinates are PDF points at scale 1, origin top-left of the page as displayed.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import type { ReactNode } from 'react';
import type { Rect } from '../../../domain';
import type { Finding } from '../../../pdf/find';

export type { Rect };

export type PageSize = { page: number; width: number; height: number };

export type SelectedText = { page: number; rects: Rect[]; text: string };

export type ViewerHandle = {
  scrollToPage(page: number): void;
  scrollToRect(page: number, rect: Rect): void;
  /** The current text selection inside the document as rects per page in points, with its text. */
  selection(): SelectedText[] | null;
  clearSelection(): void;
  /** Sets the zoom so the widest page fills the viewer's width. */
  fitWidth(): void;
};

export type DocumentViewerProps = {
  /** Opened by the caller with openPdf / loadPdfjs; the caller destroys it. */
  pdf: PDFDocumentProxy;
  scale: number;
  onScaleChange(scale: number): void;
  /** Drawn over each page near the viewport: a layer the size of the page, in CSS px at `scale`. */
  renderOverlay?: (page: PageSize, scale: number) => ReactNode;
  /** Search hits to highlight; the current one is emphasised and scrolled to. */
  hits?: Finding[];
  currentHit?: number;
  onVisiblePageChange?(page: number): void;
  /** When true the text layer does not take pointer events, so the overlay can draw. */
  isDrawing?: boolean;
};
