// `create-admin` on a database already in use: the new administrator is given what they may see
// (the directory, templates, calendar and the cases an administrator sees), as anyone whose roles
// change is (personAccess.ts), so their first pull brings it. Run as the real command
// (node sync-server/main.ts create-admin) on each database under test.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventEnvelopeSchema } from '../../src/domain/events/envelope';
import { type Account, createAccount } from '../accounts/users';
import { appendEvents } from '../replication/eventStore';
import { changePerson } from '../replication/personAccess';
import { type Database, openDatabase } from '../storage/database';
import { migrate } from '../storage/migrate';
import { databasesUnderTest, freshSchemaName } from '../testing/databases';
import {
  callerAt,
  caseLogged,
  eventOn,
  type Page,
  pullAll,
  type SignedIn,
  startTestServer,
} from '../testing/server';

const PASSWORD = 'a long enough passphrase';
const DEVICE = 'seeding-device';

/** `who` as the test's `SignedIn`, enough to make events in their name from DEVICE. */
const as = (account: Account): SignedIn => ({ token: '', deviceId: DEVICE, userId: account.userId });

const event = (who: Account, stream: string, type: string, payload: Record<string, unknown>) =>
  eventEnvelopeSchema.parse(eventOn(as(who), stream, type, payload));

/**
 * A database in use: a first administrator who saved a template, added a holiday and gave a case
 * worker their role (the directory), and that case worker's FOI and SAR cases (a SAR is sensitive:
 * an administrator who is not allocated may not see it). Returns the two cases' streams.
 */
async function seed(db: Database): Promise<{ foi: string; sar: string }> {
  const first = (await createAccount(db, {
    username: 'first-admin',
    displayName: 'First Admin',
    password: PASSWORD,
    roles: ['administrator'],
    teamIds: [],
  }))!;
  const newcomer = (await createAccount(db, {
    username: 'worker',
    displayName: 'Wren Worker',
    password: PASSWORD,
    roles: [],
    teamIds: [],
  }))!;
  const firstPusher = { account: first, deviceId: DEVICE };
  const worker = await changePerson(
    db,
    newcomer.userId,
    { roles: ['case_worker'], teamIds: ['information-rights'] },
    firstPusher,
  );
  const admin = await appendEvents(db, firstPusher, [
    event(first, 'org:templates', 'template.saved', {
      templateId: 't1',
      name: 'Acknowledgement',
      caseTypes: ['foi'],
      body: 'We received your request {{reference}}.',
    }),
    event(first, 'org:calendar', 'calendar.holiday_added', {
      date: '2026-12-28',
      title: 'Boxing Day (substitute day)',
      regions: ['england-and-wales'],
    }),
  ]);
  expect(admin.rejected).toEqual([]);
  if (!worker) throw new Error('The case worker was not given their role.');
  const foi = caseLogged(as(worker));
  const sar = caseLogged(as(worker), {
    payload: { ...caseLogged(as(worker)).payload, caseType: 'sar', reference: 'SAR-2026-P-000001' },
  });
  const cases = await appendEvents(
    db,
    { account: worker, deviceId: DEVICE },
    [foi, sar].map((e) => eventEnvelopeSchema.parse(e)),
  );
  expect(cases.rejected).toEqual([]);
  expect(cases.accepted).toHaveLength(2);
  return { foi: foi.stream, sar: sar.stream };
}

/** The environment of a production server on `engine`'s kind of database, with its data in `dataDir`. */
function productionEnv(dataDir: string, postgres?: { url: string; schema: string }): NodeJS.ProcessEnv {
  return {
    CLEARWAY_MODE: 'production',
    CLEARWAY_PUBLIC_URL: 'https://clearway.dept.example',
    CLEARWAY_TRUST_PROXY: 'none',
    CLEARWAY_DATA_DIR: dataDir,
    CLEARWAY_ADMIN_PASSWORD: undefined,
    CLEARWAY_ADMIN_USERNAME: undefined,
    DATABASE_URL: postgres?.url,
    DATABASE_SCHEMA: postgres?.schema,
  };
}

describe.each(databasesUnderTest())('create-admin on a $name database already in use', (engine) => {
  it('gives the new administrator the directory, templates, calendar and the cases they may see', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'clearway-create-admin-'));
    const postgres = engine.url ? { url: engine.url, schema: freshSchemaName() } : undefined;
    // The same database the command opens: PGlite's folder under the data dir, or the schema.
    const open = async () => {
      const db = await openDatabase(
        postgres
          ? { kind: 'postgres', url: postgres.url, schema: postgres.schema }
          : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
      );
      await migrate(db);
      return db;
    };
    try {
      let db = await open();
      const cases = await seed(db);
      // PGlite's folder is one process's at a time.
      await db.close();

      const made = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'sync-server/main.ts',
          'create-admin',
          '--username',
          'boss',
          '--name',
          'Pat Boss',
        ],
        {
          env: { ...process.env, ...productionEnv(dataDir, postgres) },
          input: `${PASSWORD}\n`,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(made.stderr).toBe('');
      expect(made.stdout).toMatch(/Administrator boss created/);

      db = await open();
      const server = await startTestServer(engine, {
        db,
        env: { CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' },
      });
      try {
        const login = await callerAt(server.url).call(null, '/api/auth/login', {
          method: 'POST',
          json: { username: 'boss', password: PASSWORD },
        });
        expect(login.status).toBe(200);
        const body = (await login.json()) as { token: string; deviceId: string; user: { userId: string } };
        const boss: SignedIn = { token: body.token, deviceId: body.deviceId, userId: body.user.userId };
        const ids = async (collection: string) =>
          (await pullAll(server, boss, collection)).documents.map((d: Page['documents'][number]) => d.id);
        expect(await ids('directory')).toEqual(['org:directory']);
        expect(await ids('templates')).toEqual(['org:templates']);
        expect(await ids('calendar')).toEqual(['org:calendar']);
        // The FOI case, not the SAR: what an administrator may see, worked out, not everything.
        expect(await ids('cases')).toEqual([cases.foi]);
      } finally {
        await server.close();
        await db.close();
      }
    } finally {
      if (postgres) {
        const { default: pg } = await import('pg');
        const admin = new pg.Client({ connectionString: postgres.url });
        await admin.connect();
        await admin.query(`drop schema if exists "${postgres.schema}" cascade`);
        await admin.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
