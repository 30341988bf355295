// A handful of demo cases for demo mode, created the proper way: as events from the demo
// case worker, judged and accepted by the same event store every push goes through.
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { CaseType } from '../../src/domain/caseTypes';
import type { EventEnvelope } from '../../src/domain/events/envelope';
import { eventEnvelopeSchema } from '../../src/domain/events/envelope';
import { provisionalReference } from '../../src/domain/references';
import { revokeSession, startSession } from '../accounts/sessions';
import { findAccountByUsername } from '../accounts/users';
import type { Database } from '../storage/database';
import { appendEvents, type PushResult } from './eventStore';

type DemoCase = {
  caseType: CaseType;
  daysAgo: number;
  channel: string;
  requester: { name: string; type: string; email?: string; constituency?: string };
  subject: string;
  requestText: string;
};

const DEMO_CASES: DemoCase[] = [
  {
    caseType: 'foi',
    daysAgo: 12,
    channel: 'email',
    requester: { name: 'Jordan Ellis', type: 'journalist', email: 'jordan.ellis@example.org' },
    subject: 'Missed bin collections 2025',
    requestText: 'Please tell me how many household bin collections were missed in each month of 2025.',
  },
  {
    caseType: 'eir',
    daysAgo: 5,
    channel: 'web_form',
    requester: { name: 'Clean Air Now', type: 'campaign_group', email: 'info@example.org' },
    subject: 'Air quality readings near the school on Mill Lane',
    requestText:
      'Please provide the nitrogen dioxide readings from the monitor on Mill Lane for the last two years.',
  },
  {
    caseType: 'sar',
    daysAgo: 20,
    channel: 'post',
    requester: { name: 'Ruth Adeyemi', type: 'member_of_the_public' },
    subject: 'Subject access request: housing file',
    requestText: 'I would like a copy of all the personal information you hold about me in my housing file.',
  },
  {
    caseType: 'ministerial_correspondence',
    daysAgo: 3,
    channel: 'post',
    requester: { name: 'Jane Doe MP', type: 'mp', constituency: 'Anytown North' },
    subject: 'Constituent concern about fly-tipping enforcement',
    requestText:
      'My constituent is concerned about fly-tipping on Canal Road; what enforcement has taken place?',
  },
];

const dayOffset = (now: Date, days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

export function demoCaseEvents(actor: string, deviceId: string, now: Date): EventEnvelope[] {
  const logged = DEMO_CASES.map((demo) => {
    const id = uuidv7();
    return eventEnvelopeSchema.parse({
      id,
      stream: `case:${randomUUID()}`,
      type: 'case.logged',
      actor,
      deviceId,
      madeAt: now.toISOString(),
      payload: {
        caseType: demo.caseType,
        reference: provisionalReference(demo.caseType, now.getUTCFullYear(), id),
        receivedOn: dayOffset(now, demo.daysAgo),
        channel: demo.channel,
        region: 'england-and-wales',
        requester: demo.requester,
        subject: demo.subject,
        requestText: demo.requestText,
      },
    });
  });
  // The FOI request goes to the demo policy official, so signing in as `official` shows work too.
  const [foi] = logged;
  if (!foi) return logged;
  const allocation = eventEnvelopeSchema.parse({
    id: uuidv7(),
    stream: foi.stream,
    type: 'case.allocated',
    actor,
    deviceId,
    madeAt: now.toISOString(),
    payload: {
      allocationId: 'demo-allocation-1',
      to: 'official',
      teamId: 'waste-policy',
      service: 'Waste policy',
    },
  });
  return [...logged, allocation];
}

/** Logs the demo cases as the demo case worker, from a short-lived "Demo data" device session. */
export async function seedDemoCases(db: Database, now = new Date()): Promise<PushResult | undefined> {
  const account = await findAccountByUsername(db, 'caseworker');
  if (!account) return undefined;
  const { session } = await startSession(db, account.userId, 'Demo data');
  try {
    return await appendEvents(
      db,
      { account, deviceId: session.deviceId, deviceName: session.name },
      demoCaseEvents(account.userId, session.deviceId, now),
    );
  } finally {
    await revokeSession(db, session.deviceId);
  }
}
