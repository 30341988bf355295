// Clock stops given as inclusive date ranges: FOIA s10(2) / FOISA s10(2) fee-notice periods
// (notice day to fee-received day) and UK GDPR Art 12A clarification periods (request day to reply
// day). Overlapping or touching ranges are merged first so no day is taken off twice.
import { z } from 'zod';
import { addDays, type IsoDate, isoDateSchema } from '../civilDate';

export const pauseSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { message: 'must end on or after the day it starts' });
export type Pause = z.infer<typeof pauseSchema>;

export const mergePauses = (pauses: readonly Pause[]): Pause[] => {
  const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
  const merged: Pause[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && p.from <= addDays(last.to, 1)) {
      if (p.to > last.to) merged[merged.length - 1] = { from: last.from, to: p.to };
    } else merged.push(p);
  }
  return merged;
};

export const pauseHolding = (pauses: readonly Pause[], d: IsoDate): Pause | undefined =>
  pauses.find((p) => d >= p.from && d <= p.to);
