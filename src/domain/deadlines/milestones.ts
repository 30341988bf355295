// Internal milestones inside a case's time (accept the allocation, contributions, draft,
// clearance, hand back), configurable per organisation and counted on the same calendar as the
// due date, so they move with it when a bank holiday is added or the clock restarts.
import { z } from 'zod';
import type { Calendar, Region } from './calendar';
import { earlierOf, type IsoDate, isoDateSchema } from './civilDate';
import { addWorkingDays, type WorkingDayScope, workingDayOnOrAfter } from './workingDays';

export const milestoneRuleSchema = z.object({
  key: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  /** What the milestone counts from. */
  from: z.enum(['received', 'allocated', 'due']),
  /** Working days after `from`; negative for "before" (e.g. −2 = two working days before the due date). */
  workingDays: z.number().int().min(-200).max(200),
});
export type MilestoneRule = z.infer<typeof milestoneRuleSchema>;

export const milestoneConfigSchema = z.object({ milestones: z.array(milestoneRuleSchema) });
export type MilestoneConfig = z.infer<typeof milestoneConfigSchema>;

export const DEFAULT_MILESTONES: MilestoneConfig = {
  milestones: [
    { key: 'accept_allocation', label: 'Accept or reject the allocation', from: 'allocated', workingDays: 2 },
    { key: 'contributions_due', label: 'Contributions due', from: 'due', workingDays: -10 },
    { key: 'draft_due', label: 'Draft response due', from: 'due', workingDays: -7 },
    { key: 'clearance_due', label: 'Clearance due', from: 'due', workingDays: -4 },
    {
      key: 'hand_back',
      label: 'Complete and hand back to the information rights team',
      from: 'due',
      workingDays: -2,
    },
  ],
};

export const milestoneDatesSchema = z.object({
  received: isoDateSchema,
  due: isoDateSchema,
  allocatedOn: isoDateSchema.optional(),
});

export type Milestone =
  | { key: string; label: string; status: 'set'; due: IsoDate; isCompressed: boolean }
  /** Counts from an allocation that has not happened yet. */
  | { key: string; label: string; status: 'waiting'; reason: string };

export const milestones = (
  config: MilestoneConfig,
  dates: z.input<typeof milestoneDatesSchema>,
  calendar: Calendar,
  region: Region | WorkingDayScope,
): Milestone[] => {
  const { received, due, allocatedOn } = milestoneDatesSchema.parse(dates);
  const anchors = { received, due, allocated: allocatedOn };
  return milestoneConfigSchema.parse(config).milestones.map((m): Milestone => {
    const anchor = anchors[m.from];
    if (anchor === undefined)
      return { key: m.key, label: m.label, status: 'waiting', reason: 'Set when the case is allocated' };
    const date =
      m.workingDays === 0
        ? workingDayOnOrAfter(calendar, region, anchor)
        : addWorkingDays(anchor, m.workingDays, calendar, region);
    // A short deadline (a PQ, a late allocation) can put a milestone before the work could start:
    // show it as due on the first working day available rather than in the past.
    const earliest = workingDayOnOrAfter(calendar, region, allocatedOn ?? received);
    return date < earliest
      ? {
          key: m.key,
          label: m.label,
          status: 'set',
          due: earlierOf(earliest, due),
          isCompressed: true,
        }
      : { key: m.key, label: m.label, status: 'set', due: date, isCompressed: false };
  });
};
