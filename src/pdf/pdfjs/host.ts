// Where pdf.js comes from. The same code runs in Node (CLI, tests, server checks) and in the
// browser (a Web Worker or the page); each needs pdf.js loaded differently, so the choice is made
// once here and everything else asks `loadPdfjs()` for the library and the options every
// `getDocument` call must carry (font, CMap and wasm locations).
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

export type PdfjsLib = typeof import('pdfjs-dist');

export type PdfjsHost = {
  lib: PdfjsLib;
  /** Options merged into every getDocument call: where standard fonts, CMaps and wasm live. */
  documentOptions: Partial<DocumentInitParameters>;
};

let chosen: Promise<PdfjsHost> | undefined;

const isNode = (): boolean =>
  typeof process !== 'undefined' &&
  typeof process.versions?.node === 'string' &&
  typeof window === 'undefined';

/** The pdf.js host for this environment, loaded once. */
export function loadPdfjs(): Promise<PdfjsHost> {
  chosen ??= isNode()
    ? import('./nodeHost').then((m) => m.loadNodeHost())
    : import('./browserHost').then((m) => m.loadBrowserHost());
  return chosen;
}

/** Replaces the host (e.g. a Web Worker that has already loaded pdf.js its own way). */
export function usePdfjsHost(host: PdfjsHost): void {
  chosen = Promise.resolve(host);
}
