// Sending the review tool's events: each checked with the domain's own schema first (through
// useStep), so a mark that would be refused says why at once, offline too.
import { useCallback } from 'react';
import type { StreamId } from '../../domain';
import type { EventType } from '../../domain/events/catalogue';
import { type StepInput, useStep } from '../case/useStep';

export type AnyEvent = { type: string; payload: object };

export function useMarkEvents(stream: StreamId) {
  const { run, problem, isSending, clearProblem } = useStep(stream);
  /** Sends the events in order and stops at the first one refused; true when all were kept. */
  const send = useCallback(
    async (events: readonly AnyEvent[]): Promise<boolean> => {
      for (const event of events) {
        const type = event.type as EventType;
        if (!(await run(type, event.payload as StepInput<typeof type>))) return false;
      }
      return true;
    },
    [run],
  );
  return { send, problem, isSending, clearProblem };
}

/** A fresh id for a new mark: unique across devices, so offline marks never collide. */
export const newMarkId = (): string => crypto.randomUUID();
