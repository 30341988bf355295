// Types for the pdf.js worker module, which ships without declarations: we only hand the module
// object back to pdf.js, so its handler is opaque to us.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
