// pdf.js in the browser (the page or a Web Worker): the modern build, its worker from a URL that
// Vite emits (`?url`), and the binary data it asks for (CMaps for non-Identity CJK encodings,
// the standard 14 font programs, wasm image decoders) served as Vite assets through our own
// data factory, so nothing has to be copied into public/ by hand. Only imported in a browser.
import * as lib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfjsHost } from './host';

type AssetUrls = Record<string, string>;

// `exhaustive` because Vite's glob skips node_modules otherwise.
const cmapUrls = import.meta.glob('/node_modules/pdfjs-dist/cmaps/*', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as AssetUrls;
const fontUrls = import.meta.glob('/node_modules/pdfjs-dist/standard_fonts/*', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as AssetUrls;
const wasmUrls = import.meta.glob('/node_modules/pdfjs-dist/wasm/*', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as AssetUrls;

const byFileName = (urls: AssetUrls): Map<string, string> =>
  new Map(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

const ASSETS: Record<string, Map<string, string>> = {
  cMapUrl: byFileName(cmapUrls),
  standardFontDataUrl: byFileName(fontUrls),
  wasmUrl: byFileName(wasmUrls),
};

/** pdf.js's BinaryDataFactory contract: fetch({ kind, filename }) → bytes. */
class ViteAssetDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = ASSETS[kind]?.get(filename);
    if (url === undefined) throw new Error(`pdf.js asked for ${kind} ${filename}, which is not bundled.`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load ${filename} (${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

export async function loadBrowserHost(): Promise<PdfjsHost> {
  lib.GlobalWorkerOptions.workerSrc = workerUrl;
  return {
    lib,
    documentOptions: {
      // Any non-empty folder: our factory maps the file name, pdf.js only checks these are set.
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
      wasmUrl: '/pdfjs/wasm/',
      useWorkerFetch: false,
      BinaryDataFactory: ViteAssetDataFactory,
    },
  };
}
