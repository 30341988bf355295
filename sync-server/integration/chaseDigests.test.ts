// Weekly chase digests end to end on each database: a real SMTP server on loopback receives
// what the administrator's "send now" sends; others are refused; the weekly round goes once.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../mail/mailer';
import { sendWeeklyDigestsIfDue } from '../mail/schedule';
import { seedDemoCases } from '../replication/demoCases';
import { databasesUnderTest } from '../testing/databases';
import { startTestServer, type TestServer } from '../testing/server';

type Received = { to: string[]; raw: string };

async function startSmtp(): Promise<{ server: SMTPServer; port: number; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return { server, port: (server.server.address() as AddressInfo).port, inbox };
}

describe.each(databasesUnderTest())('chase digests on $name', (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let reference: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(engine, {
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        CLEARWAY_MAIL_FROM: 'Clearway <clearway@council.example>',
        CLEARWAY_MAIL_DOMAIN: 'council.example',
      },
    });
    await seedDemoCases(server.db);
    const [row] = await server.db.query<{ reference: string }>(
      `select document->>'reference' as reference from streams where document->>'caseType' = 'foi'`,
    );
    reference = row?.reference ?? '';
    // Priya has an address of her own; everyone else is written to at CLEARWAY_MAIL_DOMAIN.
    await server.db.query(
      `update users set email = 'priya.shah@waste.council.example' where username = 'official'`,
    );
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('refuses anyone but an administrator', async () => {
    const official = await server.signIn('official');
    const response = await server.call(official, '/api/admin/digests/send', { method: 'POST' });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toBe('forbidden');
    expect(smtp.inbox).toHaveLength(0);
  });

  it('sends the allocated official a digest naming the case, its reference and its due date', async () => {
    const admin = await server.signIn('admin');
    const response = await server.call(admin, '/api/admin/digests/send', { method: 'POST' });
    expect(response.status).toBe(200);
    const { sent } = (await response.json()) as { sent: number };
    // The official (the allocated FOI case), and the information-rights team's two people
    // (the other three cases, still to allocate).
    expect(sent).toBe(3);
    expect(smtp.inbox).toHaveLength(3);
    const toPriya = smtp.inbox.find((m) => m.to.includes('priya.shah@waste.council.example'));
    expect(toPriya).toBeDefined();
    const message = await PostalMime.parse(toPriya?.raw ?? '');
    expect(message.subject).toBe('Clearway: 1 case waiting for you');
    expect(message.from?.address).toBe('clearway@council.example');
    expect(message.text).toContain(`${reference}: Missed bin collections 2025`);
    expect(message.text).toContain('Service: Waste policy');
    expect(message.text).toMatch(/Due \d{1,2} [A-Z][a-z]+ \(\d+ working days? left\)/);
    expect(message.html).toContain(`<strong>${reference}</strong>`);
    expect(reference).toMatch(/^FOI-/);
    const toCaseworker = smtp.inbox.find((m) => m.to.includes('caseworker@council.example'));
    expect((await PostalMime.parse(toCaseworker?.raw ?? '')).subject).toBe(
      'Clearway: 3 cases waiting for you',
    );
  });

  it('sends the weekly round once a week however often the timer looks', async () => {
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'c@council.example',
      domain: 'council.example',
    });
    if (!mailer) throw new Error('no mailer');
    const before = smtp.inbox.length;
    const monday9am = new Date('2026-11-23T09:00:00Z');
    const at = { isoWeekday: 1, time: '08:00' };
    try {
      expect(await sendWeeklyDigestsIfDue(server.db, mailer, monday9am, at)).toBe(3);
      expect(await sendWeeklyDigestsIfDue(server.db, mailer, new Date('2026-11-25T10:00:00Z'), at)).toBe(0);
      expect(smtp.inbox.length - before).toBe(3);
      expect(await sendWeeklyDigestsIfDue(server.db, mailer, new Date('2026-11-30T08:05:00Z'), at)).toBe(3);
    } finally {
      mailer.close();
    }
  });
});
