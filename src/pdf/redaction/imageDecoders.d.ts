// Types for the part of pdf.js's image decoders the engine uses (the module ships without them).
declare module 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs' {
  export class JpegImage {
    constructor(options?: { decodeTransform?: number[] | null; colorTransform?: number });
    parse(data: Uint8Array): void;
    width: number;
    height: number;
    numComponents: number;
    getData(options: {
      width: number;
      height: number;
      forceRGB?: boolean;
      forceRGBA?: boolean;
      isSourcePDF?: boolean;
    }): Uint8Array;
  }
}
