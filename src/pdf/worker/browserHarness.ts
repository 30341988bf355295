// Entry of the page that redactWorker.browser.test.ts builds with Vite and opens in Chromium:
// the real worker client, started the way the review tool starts it, reachable from the test
// as `redactInWorker(url, regions)`. The result's file comes back as base64 for the test to
// check with pdftotext. Not part of the app.
import type { Redaction } from '../redaction/types';
import { createRedactionClient } from './client';

type HarnessResult =
  | { ok: true; pdf: string; pages: number; fallbacks: number }
  | { ok: false; reason: string };

const client = createRedactionClient();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function redactInWorker(url: string, regions: Redaction[]): Promise<HarnessResult> {
  const input = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const result = await client.redact(input, regions);
  if (!result.ok) return result;
  return {
    ok: true,
    pdf: toBase64(result.pdf),
    pages: result.report.pages.length,
    fallbacks: result.report.pages.filter((p) => p.fallback).length,
  };
}

(globalThis as { redactInWorker?: typeof redactInWorker }).redactInWorker = redactInWorker;
