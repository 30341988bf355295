// Opening a PDF with pdf.js, with its failures turned into one plain sentence and the document
// always released. pdf.js transfers (detaches) the bytes it is given to its worker, so it is
// given a copy: callers keep using their own array afterwards. The copy is a plain Uint8Array,
// because pdf.js refuses a Node Buffer (and Buffer's slice() would not copy).
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { loadPdfjs } from './host';

export type OpenOptions = { password?: string };

/** Why a PDF could not be opened; `message` is one plain sentence for a person. */
export class PdfOpenError extends Error {
  constructor(
    readonly kind: 'needs-password' | 'wrong-password' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'PdfOpenError';
  }
}

// pdf.js's PasswordException codes (PasswordResponses in its API).
const NEED_PASSWORD = 1;
const INCORRECT_PASSWORD = 2;

function toOpenError(error: unknown): PdfOpenError {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: number; message?: string };
  if (name === 'PasswordException') {
    return code === INCORRECT_PASSWORD
      ? new PdfOpenError('wrong-password', 'The password for this PDF is wrong.')
      : code === NEED_PASSWORD
        ? new PdfOpenError(
            'needs-password',
            'This PDF is protected by a password; give the password to open it.',
          )
        : new PdfOpenError('needs-password', 'This PDF is protected by a password that could not be used.');
  }
  const detail = message ? ` (${message.replace(/\.$/, '')})` : '';
  return new PdfOpenError('unreadable', `This file could not be read as a PDF${detail}.`);
}

/** Opens `data` with pdf.js. Throws PdfOpenError. The caller must `destroy()` the result. */
export async function openPdf(data: Uint8Array, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  const { lib, documentOptions } = await loadPdfjs();
  const task = lib.getDocument({
    ...documentOptions,
    data: new Uint8Array(data),
    password: options.password,
    // Untrusted input: no eval of font programs, no XFA, no scripting, errors only in the log.
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw toOpenError(error);
  }
}

/** Runs `use` on the opened document and releases it whatever happens. */
export async function withPdf<T>(
  data: Uint8Array,
  options: OpenOptions,
  use: (doc: PDFDocumentProxy) => Promise<T>,
): Promise<T> {
  const doc = await openPdf(data, options);
  try {
    return await use(doc);
  } finally {
    await doc.destroy();
  }
}
