// Red, amber or green for a deadline, from the working days left. The thresholds are the
// organisation's to set; the defaults flag a case red from two working days out.
import { z } from 'zod';

export const ragThresholdsSchema = z
  .object({
    /** Red at or below this many working days left (overdue is always red). */
    redAtOrBelow: z.number().int().min(0),
    /** Amber at or below this many. */
    amberAtOrBelow: z.number().int().min(0),
  })
  .refine((t) => t.amberAtOrBelow >= t.redAtOrBelow, { message: 'Amber must start no later than red' });
export type RagThresholds = z.infer<typeof ragThresholdsSchema>;

export const DEFAULT_RAG_THRESHOLDS: RagThresholds = { redAtOrBelow: 2, amberAtOrBelow: 5 };

export type Rag = 'red' | 'amber' | 'green';

export const rag = (workingDaysLeft: number, thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS): Rag => {
  if (workingDaysLeft <= thresholds.redAtOrBelow) return 'red';
  if (workingDaysLeft <= thresholds.amberAtOrBelow) return 'amber';
  return 'green';
};
