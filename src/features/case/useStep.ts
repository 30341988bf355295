// Sends one step of the journey as an event. The payload is checked on the device with the
// domain's own schema first, so a person offline hears at once what is missing instead of
// learning it from a refusal hours later; then it goes to the outbox and syncs when online.
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { useSendEvent } from '../../data';
import type { StreamId } from '../../domain';
import { type EventType, eventCatalogue } from '../../domain/events/catalogue';
import { plainIssue } from './plainIssue';

export type StepInput<T extends EventType> = z.input<(typeof eventCatalogue)[T]['schema']>;

export function useStep(stream: StreamId | string) {
  const send = useSendEvent();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const run = useCallback(
    async <T extends EventType>(type: T, payload: StepInput<T>): Promise<boolean> => {
      const parsed = eventCatalogue[type].schema.safeParse(payload);
      if (!parsed.success) {
        setProblem(parsed.error.issues.map(plainIssue).join(' '));
        return false;
      }
      setIsSending(true);
      try {
        await send(stream as StreamId, type, parsed.data as Record<string, unknown>);
        setProblem(null);
        return true;
      } catch (error) {
        // A full disk is the likely cause on a device: say so rather than fail silently.
        const isQuota = error instanceof DOMException && error.name === 'QuotaExceededError';
        setProblem(
          isQuota
            ? 'This device is out of storage space, so the change was not saved. Free some space and try again.'
            : `The change was not saved on this device: ${error instanceof Error ? error.message : String(error)}`,
        );
        return false;
      } finally {
        setIsSending(false);
      }
    },
    [send, stream],
  );
  return { run, problem, isSending, clearProblem: () => setProblem(null) };
}
