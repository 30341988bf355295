// The "Log a request" form: its fields, their checks and the messages a person sees when a
// field is missing. The same schema checks a form typed by hand and one prefilled from an e-mail.
import { z } from 'zod';

export const channelSchema = z.enum(['email', 'post', 'web_form', 'phone', 'in_person']);
export type Channel = z.infer<typeof channelSchema>;

export const CHANNEL_LABELS = {
  email: 'Email',
  post: 'Post',
  web_form: 'Web form',
  phone: 'Phone',
  in_person: 'In person',
} as const satisfies Record<Channel, string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const requestFormSchema = z.object({
  requesterName: z.string().trim().min(1, 'Enter the name of the person or organisation asking'),
  contact: z.string().trim().min(1, 'Enter an email address or a postal address for the reply'),
  receivedOn: z.string().regex(ISO_DATE, 'Enter the date the request was received, for example 4 3 2026'),
  channel: channelSchema,
  requestText: z.string().trim().min(1, 'Enter what the person asked for'),
  subject: z.string().trim().min(1, 'Choose a subject'),
  /** References of related cases (earlier requests from the same person, follow-ups). */
  linkedReferences: z.array(z.string().trim().min(1)),
});
export type RequestForm = z.infer<typeof requestFormSchema>;

export type FieldErrors = Partial<Record<keyof RequestForm, string>>;

/** Checks a filled form; returns the clean values or one message per field that needs fixing. */
export function checkRequestForm(
  raw: unknown,
): { ok: true; value: RequestForm } | { ok: false; errors: FieldErrors } {
  const parsed = requestFormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in requestFormSchema.shape) {
      const key = field as keyof RequestForm;
      errors[key] ??= issue.message;
    }
  }
  return { ok: false, errors };
}

/** Splits "FOI-2026-00012, FOI-2026-00044" as typed into a list of references. */
export function parseLinkedReferences(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
