// The "Log a request" form: its fields, their checks and the messages a person sees when a
// field is missing, and how a clean form becomes the `case.logged` payload. The same checks
// apply to a form typed by hand and to one prefilled from an e-mail.
import { z } from 'zod';
import type { CaseType } from '../../domain/caseTypes';
import { caseLoggedSchema, channelSchema, thirdPartiesSchema } from '../../domain/events/casePayloads';
import type { PayloadOf } from '../../domain/events/catalogue';
import { provisionalReference } from '../../domain/references';

export { channelSchema };
export type Channel = z.infer<typeof channelSchema>;

export const CHANNEL_LABELS = {
  email: 'Email',
  post: 'Post',
  web_form: 'Web form',
  phone: 'Phone',
  in_person: 'In person',
  parliament: 'Parliament',
  other: 'Another way',
} as const satisfies Record<Channel, string>;

/** The kinds of request this form logs (the FOI journey and its close relatives). */
export const requestTypeSchema = z.enum(['foi', 'eir', 'foisa']);
export type RequestType = z.infer<typeof requestTypeSchema> & CaseType;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const requestFormSchema = z.object({
  caseType: requestTypeSchema,
  requesterName: z.string().trim().min(1, 'Enter the name of the person or organisation asking'),
  contact: z.string().trim().min(1, 'Enter an email address or a postal address for the reply'),
  receivedOn: z.string().regex(ISO_DATE, 'Enter the date the request was received'),
  channel: channelSchema,
  requestText: z.string().trim().min(1, 'Enter what the person asked for'),
  subject: z.string().trim().min(1, 'Choose a subject'),
  /** The policy area the subject belongs to, when it came from the directory's list. */
  policyAreaId: z.string().optional(),
  /** Other people the request names, so the review tool can suggest redacting their names. */
  thirdParties: thirdPartiesSchema.optional(),
});
export type RequestForm = z.infer<typeof requestFormSchema>;

export type FieldErrors = Partial<Record<keyof RequestForm, string>>;

/** Checks a filled form; returns the clean values or one message per field that needs fixing. */
export function checkRequestForm(
  raw: unknown,
  today: string,
): { ok: true; value: RequestForm } | { ok: false; errors: FieldErrors } {
  const parsed = requestFormSchema.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in requestFormSchema.shape) {
        errors[field as keyof RequestForm] ??= issue.message;
      }
    }
    return { ok: false, errors };
  }
  // The clock starts on receipt: a date in the future would give a wrong due date.
  if (parsed.data.receivedOn > today) {
    return { ok: false, errors: { receivedOn: 'The date received must be today or in the past' } };
  }
  return { ok: true, value: parsed.data };
}

/** The `case.logged` payload for a checked form. `caseId` is the new case's id (a UUID). */
export function loggedPayload(form: RequestForm, caseId: string): PayloadOf<'case.logged'> {
  const contact = form.contact.trim();
  const isEmail = EMAIL.test(contact);
  return caseLoggedSchema.parse({
    caseType: form.caseType,
    reference: provisionalReference(form.caseType, Number(form.receivedOn.slice(0, 4)), caseId),
    receivedOn: form.receivedOn,
    channel: form.channel,
    requester: isEmail
      ? { name: form.requesterName, email: contact }
      : { name: form.requesterName, address: contact },
    subject: form.subject,
    requestText: form.requestText,
    ...(form.policyAreaId ? { policyAreaId: form.policyAreaId } : {}),
    ...(form.thirdParties && form.thirdParties.length > 0 ? { thirdParties: form.thirdParties } : {}),
  });
}
