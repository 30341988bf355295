// What a device pulls after pushes is exactly the domain's document for the case: the state its
// events fold to, the summary fields, and one timeline entry per accepted event, whole. The
// push writes these as text it assembles itself (the state from the previous push's text, the
// entries in SQL from the event rows), so nothing may be lost or added on the way, over
// several pushes to one case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClearwayEvent, parseEvent, replay, type StreamState } from '../../src/domain';
import { timelineEntrySchema } from '../../src/domain/streamDocument';
import { toStreamDocument } from '../../src/domain/streamDocuments';
import { databasesUnderTest } from '../testing/databases';
import {
  caseLogged,
  eventOn,
  pullAll,
  push,
  type SignedIn,
  startTestServer,
  type TestServer,
} from '../testing/server';

describe.each(databasesUnderTest())('documents written by pushes on $name', (engine) => {
  let server: TestServer;
  let caseworker: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(engine);
    caseworker = await server.signIn('caseworker');
  });
  afterAll(() => server?.close());

  it('a case pushed in several parts is pulled as the domain builds it, with every entry whole', async () => {
    const logged = caseLogged(caseworker);
    const note = (n: number) =>
      eventOn(caseworker, logged.stream, 'note.added', { noteId: `n${n}`, text: `Note ${n}, "quoted" it's` });
    // Refused (its note id is taken): kept for its author, neither folded nor on the timeline.
    const refused = note(1);
    const pushes = [[logged, note(1), note(2)], [note(3)], [note(4), refused, note(6)]];
    for (const events of pushes) expect((await push(server, caseworker, events)).status).toBe(200);

    const doc = (await pullAll(server, caseworker, 'cases')).documents.findLast(
      (d) => d.id === logged.stream,
    );
    if (!doc) throw new Error('The case was not pulled.');
    const accepted = pushes.flat().filter((e) => e !== refused);
    const events = accepted.map((e) => {
      const parsed = parseEvent(e);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.event as ClearwayEvent;
    });
    const folded = replay(events, { now: String(doc.updatedAt), reference: String(doc.reference) });
    if (!folded.ok) throw new Error(folded.reason);
    const timeline = doc.timeline as Record<string, unknown>[];
    expect(doc).toEqual(
      toStreamDocument(
        logged.stream,
        folded.state as StreamState,
        timeline as never,
        Number(doc.lastSeq),
        String(doc.updatedAt),
      ),
    );
    expect(timeline.map((entry) => entry.eventId)).toEqual(accepted.map((e) => e.id));
    for (const [i, entry] of timeline.entries()) {
      const event = accepted[i];
      expect(timelineEntrySchema.strict().parse(entry)).toEqual({
        eventId: event?.id,
        type: event?.type,
        actor: caseworker.userId,
        actorName: 'Sam Okafor',
        deviceId: caseworker.deviceId,
        deviceName: expect.any(String),
        madeAt: event?.madeAt,
        acceptedAt: expect.any(String),
        seq: expect.any(Number),
        summary: expect.any(String),
        payload: event?.payload,
      });
    }
  });
});
