// Turns a request e-mail saved as an .eml file into a prefilled "Log a request" form. Runs in the
// browser (postal-mime); a file that is not an e-mail gives a plain message and changes nothing.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import PostalMime, { type Address } from 'postal-mime';
import type { RequestForm } from './requestForm';

export type EmailAttachment = { filename: string; mimeType: string; content: ArrayBuffer };

export type EmlImport =
  | { ok: true; prefill: Partial<RequestForm>; attachments: EmailAttachment[]; emailSubject: string }
  | { ok: false; message: string };

const NOT_AN_EMAIL =
  'This file does not look like an e-mail. Save the message from your mail program as an .eml file and try again, or fill in the form by hand.';

// Requests arrive in the UK: the received date is the day it was in London when the mail came.
const UK_ZONE = 'Europe/London';

function firstMailbox(address: Address | undefined): { name: string; address: string } | undefined {
  if (!address) return undefined;
  if (address.address !== undefined) return { name: address.name, address: address.address };
  const member = address.group?.[0];
  return member ? { name: member.name, address: member.address } : undefined;
}

function receivedDay(dateHeader: string | undefined): string | undefined {
  if (!dateHeader) return undefined;
  const instant = new Date(dateHeader);
  if (Number.isNaN(instant.getTime())) return undefined;
  return format(new TZDate(instant, UK_ZONE), 'yyyy-MM-dd');
}

function plainText(text: string | undefined, html: string | undefined): string {
  if (text && text.trim().length > 0) return text.trim();
  if (!html) return '';
  // Only for the prefill: drop tags so the person sees words, not markup.
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

export async function emlToRequest(raw: ArrayBuffer | string): Promise<EmlImport> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch {
    return { ok: false, message: NOT_AN_EMAIL };
  }
  const sender = firstMailbox(email.from) ?? firstMailbox(email.replyTo?.[0]);
  const body = plainText(email.text, email.html);
  // postal-mime reads almost anything; a file with no sender and no body is not a request e-mail.
  if (!sender?.address || body.length === 0) return { ok: false, message: NOT_AN_EMAIL };

  const prefill: Partial<RequestForm> = {
    requesterName: sender.name.trim() || sender.address,
    contact: sender.address,
    channel: 'email',
    requestText: body,
  };
  const day = receivedDay(email.date);
  if (day) prefill.receivedOn = day;
  const attachments = email.attachments.flatMap((part): EmailAttachment[] =>
    part.content instanceof ArrayBuffer
      ? [{ filename: part.filename ?? 'attachment', mimeType: part.mimeType, content: part.content }]
      : [],
  );
  return { ok: true, prefill, attachments, emailSubject: email.subject ?? '' };
}
