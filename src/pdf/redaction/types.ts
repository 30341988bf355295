// The redaction engine's public types: what a caller asks for and what it gets back.
// Regions are in points, origin top-left of the page as displayed (pdf.js viewport at
// scale 1 with /Rotate applied), so the review tool can pass its marks through unchanged.
import { z } from 'zod';

export const redactionSchema = z.object({
  page: z.number().int().min(1),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
  label: z.string().max(200).optional(),
});
export type Redaction = z.infer<typeof redactionSchema>;

export type RedactOptions = {
  password?: string;
  /** Default label drawn in every box that has none of its own (e.g. an exemption such as "s40(2)"). */
  label?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

/** What was removed from one page. */
export type PageReport = {
  page: number;
  regions: number;
  glyphsRemoved: number;
  imagesBlanked: number;
  /** Images under a region that were taken out whole (their format could not be edited). */
  imagesRemoved: number;
  inlineImagesRemoved: number;
  pathsRemoved: number;
  /** Set when the page was rasterised instead of edited, with the reason in plain words. */
  fallback?: string;
};

export type VerificationReport = {
  /** Text items (pdf.js) checked against the regions. */
  textItemsChecked: number;
  /** Distinct removed strings searched for in every decompressed stream and string. */
  stringsSearched: number;
  streamsScanned: number;
  passed: true;
};

export type RedactionReport = {
  pages: PageReport[];
  /** Document-wide content that was stripped, in plain words ("bookmarks", "form fields"). */
  stripped: string[];
  /** Embedded fonts that still hold the shapes of removed letters, each with the reason in plain words. */
  fonts?: string[];
  verification: VerificationReport;
};

export type RedactResult =
  | { ok: true; pdf: Uint8Array; report: RedactionReport }
  | { ok: false; reason: string };
