// Making the release copy: the agreed redactions burned in by the engine in a Web Worker (so
// the page stays usable), the schedule appended, the copy stored on the device and uploaded
// when online, and the case told (document.redacted_copy_added). A refusal changes nothing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useUploadBlob } from '../../data';
import type { Mark } from '../../domain';
import { appendSchedulePages } from '../../pdf/schedule';
import { createRedactionClient, type RedactionClient } from '../../pdf/worker/client';
import type { ApplyPhase } from './applyProgress';
import {
  engineRedactions,
  exemptionsUsed,
  releaseCopyName,
  releaseNotes,
  releaseSchedule,
  scheduleRecord,
} from './releaseCopy';
import type { AnyEvent } from './useMarkEvents';

export function useReleaseCopy(input: {
  bytes: Uint8Array;
  pageCount: number;
  documentSha: string;
  documentName: string;
  nameOf(userId: string): string;
  send(events: readonly AnyEvent[]): Promise<boolean>;
}) {
  const upload = useUploadBlob();
  const [phase, setPhase] = useState<ApplyPhase>({ step: 'idle' });
  const client = useRef<RedactionClient | null>(null);
  // The worker lives as long as the page: stopped when the person leaves.
  useEffect(
    () => () => {
      client.current?.close();
      client.current = null;
    },
    [],
  );

  const apply = useCallback(
    async (agreed: readonly Mark[]) => {
      const { bytes, documentName, nameOf } = input;
      const regions = engineRedactions(agreed);
      if (regions.length === 0) {
        setPhase({ step: 'refused', reason: 'there are no agreed redactions to apply' });
        return;
      }
      setPhase({ step: 'redacting', done: 0, total: input.pageCount });
      client.current ??= createRedactionClient();
      const result = await client.current.redact(bytes, regions, {
        onProgress: (done, total) => setPhase({ step: 'redacting', done, total }),
      });
      if (!result.ok) {
        setPhase({ step: 'refused', reason: result.reason });
        return;
      }
      try {
        setPhase({ step: 'schedule' });
        const name = releaseCopyName(documentName);
        const schedule = releaseSchedule(agreed, { document: name, pages: input.pageCount, nameOf });
        const withSchedule = await appendSchedulePages(result.pdf, schedule);
        setPhase({ step: 'storing' });
        const blob = new Blob([withSchedule as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
        const stored = await upload(blob, name);
        const isRecorded = await input.send([
          {
            type: 'document.redacted_copy_added',
            payload: {
              originalSha: input.documentSha,
              sha256: stored.sha256,
              name,
              size: stored.size,
              schedule: scheduleRecord(agreed),
              exemptions: exemptionsUsed(agreed),
            },
          },
        ]);
        setPhase(
          isRecorded
            ? { step: 'done', sha256: stored.sha256, name, notes: releaseNotes(result.report) }
            : { step: 'refused', reason: 'the case did not accept the release copy (see the message above)' },
        );
      } catch (error) {
        setPhase({ step: 'refused', reason: error instanceof Error ? error.message : String(error) });
      }
    },
    [input, upload],
  );
  return { phase, apply };
}
