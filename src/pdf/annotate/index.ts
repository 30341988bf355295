// Annotate: the marked-up copy of a document (comments, highlights, ink and proposed redactions
// as standard PDF annotations) for review outside the app.
export { type ExportOptions, exportMarkedUp, pdfDate } from './exportMarkedUp';
