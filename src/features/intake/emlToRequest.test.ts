import { describe, expect, it } from 'vitest';
import { emlToRequest } from './emlToRequest';

const REQUEST_EMAIL = [
  'From: "Amira Khan" <amira.khan@example.org>',
  'To: foi@gedling.gov.uk',
  'Subject: Freedom of Information request - bin collections',
  'Date: Mon, 30 Mar 2026 23:30:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Please send me the number of missed bin collections in 2025, by ward.',
  '--b1',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment; filename="map.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b1--',
  '',
].join('\r\n');

describe('importing a request e-mail', () => {
  it('prefills the requester, contact, channel and request text from the e-mail', async () => {
    const result = await emlToRequest(REQUEST_EMAIL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.prefill.requesterName).toBe('Amira Khan');
    expect(result.prefill.contact).toBe('amira.khan@example.org');
    expect(result.prefill.channel).toBe('email');
    expect(result.prefill.requestText).toBe(
      'Please send me the number of missed bin collections in 2025, by ward.',
    );
    expect(result.emailSubject).toBe('Freedom of Information request - bin collections');
  });

  it('takes the received date as the day in the UK (23:30 GMT on 30 March is 31 March in summer time)', async () => {
    const result = await emlToRequest(REQUEST_EMAIL);
    expect(result.ok && result.prefill.receivedOn).toBe('2026-03-31');
  });

  it('keeps the attachments so they can be added to the case', async () => {
    const result = await emlToRequest(REQUEST_EMAIL);
    expect(result.ok && result.attachments.map((a) => a.filename)).toEqual(['map.pdf']);
    expect(result.ok && new TextDecoder().decode(result.attachments[0]?.content)).toBe('%PDF-1.4\n');
  });

  it('uses the address as the name when the sender gave no name', async () => {
    const result = await emlToRequest('From: someone@example.org\r\nSubject: x\r\n\r\nWhat is held?');
    expect(result.ok && result.prefill.requesterName).toBe('someone@example.org');
  });

  it('gives a plain message, not a crash, for a file that is not an e-mail', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).buffer;
    for (const raw of [png, '', 'just some words with no headers']) {
      const result = await emlToRequest(raw);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/does not look like an e-mail/);
    }
  });
});
