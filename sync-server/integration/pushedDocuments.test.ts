// What a device pulls after pushes is exactly the domain's document for the case: the state its
// events fold to, the summary fields, and one timeline entry per accepted event, whole. The
// push assembles them itself (the state's text from the previous state's, the entries made in
// SQL from the event rows), so nothing may be lost or added on the way, over several pushes to
// one case, one after another or at once.
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

/** The document the domain builds for a case from its accepted events (as pushed), in order. */
function domainDocument(doc: Record<string, unknown>, accepted: unknown[]) {
  const events = accepted.map((e) => {
    const parsed = parseEvent(e);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.event as ClearwayEvent;
  });
  const folded = replay(events, { now: String(doc.updatedAt), reference: String(doc.reference) });
  if (!folded.ok) throw new Error(folded.reason);
  return toStreamDocument(
    String(doc.id),
    folded.state as StreamState,
    doc.timeline as never,
    Number(doc.lastSeq),
    String(doc.updatedAt),
  );
}

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
    expect(doc).toEqual(domainDocument(doc, accepted));
    const timeline = doc.timeline as Record<string, unknown>[];
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

  it('a case pushed to from several devices at once is pulled as the domain builds it from its events in order', async () => {
    const devices = [caseworker, await server.signIn('caseworker'), await server.signIn('caseworker')];
    const logged = caseLogged(caseworker);
    expect((await push(server, caseworker, [logged])).status).toBe(200);
    const notes = (who: SignedIn, round: number) =>
      Array.from({ length: 5 }, (_, n) =>
        eventOn(who, logged.stream, 'note.added', {
          noteId: `${who.deviceId}-${round}-${n}`,
          text: `Note ${n}`,
        }),
      );
    const sent: { id: string }[] = [logged];
    for (let round = 0; round < 4; round += 1) {
      // Pushed together, so those that wait for the lock together are written in one group:
      // one document write, of the last state, for all of them.
      const batches = devices.map((who) => notes(who, round));
      sent.push(...batches.flat());
      const responses = await Promise.all(
        batches.map((batch, i) => push(server, devices[i] as SignedIn, batch)),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    }
    const doc = (await pullAll(server, caseworker, 'cases')).documents.findLast(
      (d) => d.id === logged.stream,
    );
    if (!doc) throw new Error('The case was not pulled.');
    // In the order the log accepted them (the timeline's).
    const byId = new Map(sent.map((e) => [e.id, e]));
    const inOrder = (doc.timeline as { eventId: string }[]).map((entry) => byId.get(entry.eventId));
    expect(inOrder).toHaveLength(sent.length);
    expect(doc).toEqual(domainDocument(doc, inOrder));
  });
});
