// pdf.js in Node: the legacy build (the modern one needs browser APIs Node 20 lacks), run in the
// same thread (its "fake worker", preloaded so pdf.js does not resolve the worker file itself,
// which fails under tsx and Vitest), with standard fonts, CMaps and wasm read from
// node_modules as file paths. No node: imports at the top and module names hidden from Vite, so
// that a browser build neither trips over this file nor bundles the legacy build it never runs.
// The build's polyfills would replace built-ins for the whole process; see keepGlobals.ts.
import type { PdfjsHost, PdfjsLib } from './host';
import { withBuiltinsKept } from './keepGlobals';

function packageDir(): string {
  const { createRequire } = process.getBuiltinModule('node:module');
  const path = process.getBuiltinModule('node:path');
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

const LEGACY_BUILD = 'pdfjs-dist/legacy/build/pdf.mjs';
const LEGACY_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

export async function loadNodeHost(): Promise<PdfjsHost> {
  const lib = await withBuiltinsKept(async () => {
    const worker: unknown = await import(/* @vite-ignore */ LEGACY_WORKER);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return (await import(/* @vite-ignore */ LEGACY_BUILD)) as PdfjsLib;
  });
  const dir = packageDir();
  return {
    lib,
    documentOptions: {
      // pdf.js wants a trailing slash on each of these folders.
      standardFontDataUrl: `${dir}/standard_fonts/`,
      cMapUrl: `${dir}/cmaps/`,
      cMapPacked: true,
      wasmUrl: `${dir}/wasm/`,
      iccUrl: `${dir}/iccs/`,
    },
  };
}
