// Loading pdf.js in Node leaves the process's built-ins as they were (its legacy build's
// polyfills replace Array.prototype.push, JSON.parse and Function.prototype.toString on Node 20).
import { describe, expect, it } from 'vitest';
import { loadJpegDecoder } from '../redaction/images';
import { loadPdfjs } from './host';
import { withBuiltinsKept } from './keepGlobals';

const watched = () => ({
  push: Array.prototype.push,
  parse: JSON.parse,
  stringify: JSON.stringify,
  toString: Function.prototype.toString,
  from: Array.from,
  map: Map.prototype.set,
});

describe('loading pdf.js', () => {
  it('leaves Array.prototype.push and the other built-ins as they were', async () => {
    const before = watched();
    const host = await loadPdfjs();
    expect(await loadJpegDecoder()).toBeDefined();
    expect(watched()).toEqual(before);
    for (const [name, fn] of Object.entries(watched()))
      expect(fn, name).toBe(before[name as keyof typeof before]);
    // pdf.js still works afterwards, with the built-ins it was given back.
    const task = host.lib.getDocument({
      data: new TextEncoder().encode(MINIMAL_PDF),
      isEvalSupported: false,
    });
    const doc = await task.promise;
    expect(doc.numPages).toBe(1);
    await doc.destroy();
  });

  it('puts back a method a load replaces, and keeps one it adds', async () => {
    const push = Array.prototype.push;
    const added = Symbol('added');
    await withBuiltinsKept(async () => {
      Object.defineProperty(Array.prototype, 'push', {
        value: function replaced() {
          return 0;
        },
        configurable: true,
        writable: true,
      });
      Object.defineProperty(Map.prototype, added, { value: 1, configurable: true });
    });
    expect(Array.prototype.push).toBe(push);
    expect((Map.prototype as unknown as Record<symbol, number>)[added]).toBe(1);
    delete (Map.prototype as unknown as Record<symbol, number>)[added];
  });

  it('puts built-ins back when the load fails', async () => {
    const parse = JSON.parse;
    await expect(
      withBuiltinsKept(async () => {
        JSON.parse = () => 'replaced';
        throw new Error('load failed');
      }),
    ).rejects.toThrow('load failed');
    expect(JSON.parse).toBe(parse);
  });
});

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF`;
