// The document under review, from the device's blob cache (online or offline): its bytes, kept
// for making the release copy and the marked-up copy, and the pdf.js document the viewer draws.
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { useEffect, useState } from 'react';
import { useBlob } from '../../data';
import { openPdf, PdfOpenError } from '../../pdf/pdfjs';

export type ReviewDocument =
  | { status: 'loading' | 'missing' }
  | { status: 'problem'; problem: string }
  | { status: 'ready'; bytes: Uint8Array; pdf: PDFDocumentProxy };

export function useReviewDocument(sha256: string): ReviewDocument {
  const blob = useBlob(sha256);
  const [opened, setOpened] = useState<ReviewDocument>({ status: 'loading' });
  useEffect(() => {
    if (!blob.url) return;
    let isCurrent = true;
    let pdf: PDFDocumentProxy | null = null;
    setOpened({ status: 'loading' });
    (async () => {
      const response = await fetch(blob.url as string);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const doc = await openPdf(bytes);
      // The page may have moved on while pdf.js worked: release what nobody will show.
      if (!isCurrent) return void doc.destroy();
      pdf = doc;
      setOpened({ status: 'ready', bytes, pdf: doc });
    })().catch((error: unknown) => {
      if (!isCurrent) return;
      setOpened({
        status: 'problem',
        problem: error instanceof PdfOpenError ? error.message : 'This document could not be opened.',
      });
    });
    return () => {
      isCurrent = false;
      void pdf?.destroy();
    };
  }, [blob.url]);
  if (!blob.url) {
    if (blob.status === 'missing') return { status: 'missing' };
    if (blob.status === 'error')
      return { status: 'problem', problem: 'This document could not be read on this device.' };
    return { status: 'loading' };
  }
  return opened;
}
