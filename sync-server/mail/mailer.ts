// Sends e-mail through the SMTP server in the settings (SMTP_URL, from CLEARWAY_MAIL_FROM).
// With no SMTP_URL there is no mailer: nothing is sent and the server says so once at start.
import nodemailer from 'nodemailer';
import type { ServerConfig } from '../config';

export type MailMessage = { to: string; subject: string; text: string; html: string };

export type Mailer = {
  /** For people with no address of their own: `username@fallbackDomain` (CLEARWAY_MAIL_DOMAIN). */
  readonly fallbackDomain: string | undefined;
  send(message: MailMessage): Promise<void>;
  close(): void;
};

export function createMailer(mail: ServerConfig['mail']): Mailer | undefined {
  if (!mail) return undefined;
  const transport = nodemailer.createTransport(mail.smtpUrl);
  return {
    fallbackDomain: mail.domain,
    async send(message) {
      await transport.sendMail({ from: mail.from, ...message });
    },
    close: () => transport.close(),
  };
}
