// Orchestrates one redaction run (placeholder until the pipeline lands).
import type { Redaction, RedactOptions, RedactResult } from './types';

export async function redact(
  _input: Uint8Array,
  _redactions: Redaction[],
  _options: RedactOptions = {},
): Promise<RedactResult> {
  return { ok: false, reason: 'The redaction engine is not ready yet.' };
}
