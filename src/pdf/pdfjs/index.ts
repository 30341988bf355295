// pdf.js glue shared by the redaction engine, find, the review tool and the tests.
export { loadPdfjs, type PdfjsHost, type PdfjsLib, usePdfjsHost } from './host';
export { withBuiltinsKept } from './keepGlobals';
export { type OpenOptions, openPdf, PdfOpenError, withPdf } from './openDocument';
export {
  type Box,
  boxOfSpan,
  type ExtractOptions,
  extractTextItems,
  type PageRuns,
  type PageText,
  type PageTextItem,
  type Point,
  readPageRuns,
  type TextRun,
  toPageText,
} from './textItems';
