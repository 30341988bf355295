import { describe, expect, it } from 'vitest';
import { buildPdf } from '../redaction/testDocuments';
import { createRedactionClient } from './client';
import type { MessageEndpoint } from './protocol';
import { serveRedactions } from './serve';

function connected() {
  const channel = new MessageChannel();
  const stop = serveRedactions(channel.port1 as unknown as MessageEndpoint);
  channel.port1.start();
  channel.port2.start();
  const client = createRedactionClient(channel.port2 as unknown as MessageEndpoint);
  return {
    client,
    close: () => {
      stop();
      client.close();
      channel.port1.close();
    },
  };
}

describe('redaction worker protocol', () => {
  it('runs a job over a message channel, reporting progress, and returns the redacted file', async () => {
    const { client, close } = connected();
    try {
      const pdf = await buildPdf([
        { content: 'BT /F2 12 Tf 50 200 Td (Secret) Tj ET' },
        { content: 'BT /F2 12 Tf 50 200 Td (Other) Tj ET' },
      ]);
      const progress: Array<[number, number]> = [];
      const result = await client.redact(
        pdf,
        [{ page: 1, x: 45, y: 85, width: 60, height: 20, label: 's40(2)' }],
        {
          onProgress: (done, total) => progress.push([done, total]),
        },
      );
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.report.pages[0]?.glyphsRemoved).toBe(6);
      expect(progress.at(-1)).toEqual([3, 3]);
      expect(pdf.byteLength).toBeGreaterThan(0); // the caller's bytes were copied, not transferred
    } finally {
      close();
    }
  });

  it('ends a cancelled job with a refusal', async () => {
    const { client, close } = connected();
    try {
      const pdf = await buildPdf([{ content: 'BT /F2 12 Tf 50 200 Td (Secret) Tj ET' }]);
      const controller = new AbortController();
      const job = client.redact(pdf, [], { signal: controller.signal });
      controller.abort();
      expect(await job).toEqual({ ok: false, reason: 'The redaction was cancelled.' });
    } finally {
      close();
    }
  });
});
