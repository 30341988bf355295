// The organisation's letterhead on response letters, kept as a reserved entry of the template
// library (the `org:templates` stream): an administrator sets it like any template, it reaches
// every device through sync, and no new kind of event is needed. Its body is JSON, read with
// zod; anything unreadable falls back to the demo details so a letter can always be made.
import { z } from 'zod';
import { caseTypeSchema } from '../../domain';
import type { Template } from '../../domain/caseState';
import { ORGANISATION } from './organisation';

/** The template id the letterhead is kept under; drafting never offers it as a letter. */
export const LETTERHEAD_TEMPLATE_ID = 'letterhead';

export const letterheadSchema = z.object({
  name: z.string().trim().min(1, 'Enter the organisation’s name').max(200),
  addressLines: z
    .array(z.string().trim().min(1).max(200))
    .min(1, 'Enter the address, one line at a time')
    .max(8, 'Enter 8 lines of address or fewer'),
  reviewContact: z.string().trim().min(1, 'Enter who to write to for an internal review').max(500),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

export const DEMO_LETTERHEAD: Letterhead = {
  name: ORGANISATION.name,
  addressLines: [...ORGANISATION.addressLines],
  reviewContact: ORGANISATION.reviewContact,
};

export const isLetterhead = (template: Template): boolean => template.templateId === LETTERHEAD_TEMPLATE_ID;

/** The letterhead set by an administrator, or null when none is set (or it cannot be read). */
export function letterheadFrom(templates: readonly Template[]): Letterhead | null {
  const template = templates.find((t) => isLetterhead(t) && !t.isRetired);
  if (!template) return null;
  try {
    const parsed = letterheadSchema.safeParse(JSON.parse(template.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The `template.saved` payload that sets the letterhead. */
export function letterheadPayload(letterhead: Letterhead) {
  return {
    templateId: LETTERHEAD_TEMPLATE_ID,
    name: 'Letterhead',
    caseTypes: caseTypeSchema.options,
    body: JSON.stringify(letterheadSchema.parse(letterhead)),
  };
}
