// Work goes only to people who can take it: on a production server the demo people a demo left
// in the database cannot sign in, so a case allocated to one would wait for ever. The log
// refuses it, with a reason its sender can act on; the organisation's own people still get work.
import { describe, expect, it } from 'vitest';
import { createAccount } from '../accounts/users';
import { databasesUnderTest } from '../testing/databases';
import { caseLogged, eventOn, pullAll, push, type SignedIn, startTestServer } from '../testing/server';

const allocation = (to: string) => ({
  allocationId: `alloc-${to}`,
  to,
  teamId: 'waste-policy',
  service: 'Waste policy',
});

/** The outbox row of each of `ids`, as the sending device pulls it back. */
async function outcomes(server: Parameters<typeof pullAll>[0], who: SignedIn, ids: string[]) {
  const { documents } = await pullAll(server, who, 'events');
  return ids.map((id) => documents.find((d) => d.id === id));
}

describe.each(databasesUnderTest())('demo people on a production server on $name', (engine) => {
  it('cannot be allocated a case, while a person of the organisation can', async () => {
    const db = await engine.open();
    try {
      // startTestServer seeds the demo people, as a demo tried on the same data would have.
      for (const [username, roles, teamIds] of [
        ['dana', ['case_worker'], ['information-rights']],
        ['sam', ['policy_official'], ['waste-policy']],
      ] as const) {
        await createAccount(db, {
          username,
          displayName: username,
          password: 'a long enough passphrase',
          roles: [...roles],
          teamIds: [...teamIds],
        });
      }
      const production = await startTestServer(engine, {
        db,
        env: { CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' },
      });
      try {
        const demoPeople = await db.query<{ n: number }>(
          'select count(*)::int as n from users where is_demo',
        );
        expect(demoPeople[0]!.n).toBeGreaterThan(0);
        const dana = await production.signIn('dana', 'a long enough passphrase');
        const [sam] = await db.query<{ user_id: string }>(`select user_id from users where username = 'sam'`);

        const logged = caseLogged(dana);
        const toDemo = eventOn(dana, logged.stream, 'case.allocated', allocation('official'));
        expect((await push(production, dana, [logged, toDemo])).status).toBe(200);
        const [case_, refused] = await outcomes(production, dana, [logged.id, toDemo.id]);
        expect(case_).toMatchObject({ status: 'accepted' });
        expect(refused).toMatchObject({ status: 'rejected' });
        expect(refused?.reason).toBe(
          '“official” is not one of the people who can be given work on this server, so this cannot go to them. Choose someone else.',
        );

        const toSam = eventOn(dana, logged.stream, 'case.allocated', allocation(sam!.user_id));
        await push(production, dana, [toSam]);
        const [given] = await outcomes(production, dana, [toSam.id]);
        expect(given).toMatchObject({ status: 'accepted' });
      } finally {
        await production.close();
      }
    } finally {
      await db.close();
    }
  }, 60_000);

  it('can be allocated a case in a demo', async () => {
    const demo = await startTestServer(engine);
    try {
      const caseworker = await demo.signIn('caseworker');
      const logged = caseLogged(caseworker);
      const toDemo = eventOn(caseworker, logged.stream, 'case.allocated', allocation('official'));
      await push(demo, caseworker, [logged, toDemo]);
      const [given] = await outcomes(demo, caseworker, [toDemo.id]);
      expect(given).toMatchObject({ status: 'accepted' });
    } finally {
      await demo.close();
    }
  });
});
