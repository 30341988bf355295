// Weekly chase digests end to end on each database: a real SMTP server on loopback receives
// what the administrator's "send now" sends; others are refused; the weekly round goes once; a
// sensitive case is mailed only to people who may open it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../mail/mailer';
import { sendWeeklyDigestsIfDue } from '../mail/schedule';
import { seedDemoCases } from '../replication/demoCases';
import { databasesUnderTest } from '../testing/databases';
import { caseLogged, eventOn, pullAll, push, startTestServer, type TestServer } from '../testing/server';

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

  it('names a SAR to the official it is allocated to, but never to a clearer outside information rights', async () => {
    const caseworker = await server.signIn('caseworker');
    const official = await server.signIn('official');
    const clearance = await server.signIn('clearance');
    const admin = await server.signIn('admin');
    const logged = caseLogged(caseworker);
    const requester = 'Jane Doe, adult social care file';
    const sar = { ...logged, payload: { ...logged.payload, caseType: 'sar', subject: requester } };
    const stream = sar.stream;
    // Push answers only that it stored the changes; what the case became shows they were accepted.
    const pushed = (response: Response) => expect(response.status).toBe(200);
    const stateOf = async () => {
      const [row] = await server.db.query<{ reference: string; status: string }>(
        `select document->>'reference' as reference, document->'state'->>'status' as status
         from streams where stream_id = $1`,
        [stream],
      );
      return row;
    };
    const sendNow = async () => {
      const before = smtp.inbox.length;
      const response = await server.call(admin, '/api/admin/digests/send', { method: 'POST' });
      expect(response.status).toBe(200);
      return Promise.all(
        smtp.inbox
          .slice(before)
          .map(async (m) => ({ to: m.to, text: (await PostalMime.parse(m.raw)).text ?? '' })),
      );
    };
    const namesTheSar = (m: { text?: string }, reference: string) =>
      (m.text ?? '').includes(reference) || (m.text ?? '').includes(requester);

    pushed(
      await push(server, caseworker, [
        sar,
        eventOn(caseworker, stream, 'case.allocated', {
          allocationId: 'a1',
          to: 'official',
          teamId: 'waste-policy',
          service: 'Waste policy',
          acceptBy: '2026-12-01',
        }),
      ]),
    );
    pushed(
      await push(server, official, [
        eventOn(official, stream, 'case.allocation_accepted', { allocationId: 'a1' }),
        eventOn(official, stream, 'draft.saved', {
          version: 1,
          parts: [{ partId: 'p1', author: 'official', text: 'Dear Jane' }],
        }),
      ]),
    );
    const drafting = await stateOf();
    expect(drafting?.status).toBe('in_progress');
    const sarReference = drafting?.reference ?? '';
    expect(sarReference).toMatch(/^SAR-/);

    // While it waits on the official, whom it is allocated to, her digest names it.
    const whileDrafting = await sendNow();
    const toPriya = whileDrafting.find((m) => m.to.includes('priya.shah@waste.council.example'));
    expect(toPriya?.text).toContain(`${sarReference}: ${requester}`);

    pushed(
      await push(server, official, [
        eventOn(official, stream, 'clearance.requested', { clearanceId: 'k1', clearer: 'clearance' }),
      ]),
    );
    expect((await stateOf())?.status).toBe('in_clearance');
    // The clearer (waste policy, not allocated) may not open a SAR: the server sends her none of it…
    const pulled = await pullAll(server, clearance, 'cases');
    expect(pulled.documents.map((d) => d.id)).not.toContain(stream);

    // …so her digest must not name it either, though the case now waits on her.
    const inClearance = await sendNow();
    expect(inClearance.filter((m) => namesTheSar(m, sarReference))).toEqual([]);
    // The official still gets her digest of the FOI case allocated to her.
    expect(inClearance.find((m) => m.to.includes('priya.shah@waste.council.example'))?.text).toContain(
      `${reference}: Missed bin collections 2025`,
    );
  });
});
