// Starts the Clearway server from the environment (see README "Configuration"), or runs a
// command: `npm run server -- create-admin --username NAME [--name "Display Name"]` (the
// password from CLEARWAY_ADMIN_PASSWORD or standard input).
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_LENGTH } from '../src/domain/passwordRule';
import { seedDemoPeople } from './accounts/demo';
import { createAccount, findAccountByUsername, listAccounts } from './accounts/users';
import { buildServer, openConfiguredDatabase } from './app';
import { readConfig } from './config';
import { createMailer } from './mail/mailer';
import { startDigestSchedule } from './mail/schedule';
import { seedDemoCases } from './replication/demoCases';
import { changePerson } from './replication/personAccess';
import { backfillWaitingOn } from './replication/waitingOnBackfill';
import type { Database } from './storage/database';

const config = readConfig();
const [command] = process.argv.slice(2);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * An administrator, with their access rows: an account alone sees nothing, since what a person
 * pulls is what their access rows list (moved only when streams or people change). On a database
 * that already holds the directory, templates, calendar and cases, they are worked out here as
 * for anyone whose roles change (personAccess.ts). Nothing is recorded in the log: there is no
 * administrator yet to be its actor. Two steps, so a failure in between leaves an account that
 * sees nothing until its roles are next changed; the error is said. False when the username is
 * taken (another process starting at once may have just made it).
 */
async function createAdministrator(
  db: Database,
  person: { username: string; displayName: string; password: string },
): Promise<boolean> {
  const account = await createAccount(db, { ...person, roles: ['administrator'], teamIds: [] });
  if (!account) return false;
  await changePerson(db, account.userId, {});
  return true;
}

async function createAdmin(db: Database): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { username: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.username) throw new Error('Say who: create-admin --username NAME [--name "Display Name"].');
  const password = process.env.CLEARWAY_ADMIN_PASSWORD ?? (await readStdin());
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  const isCreated = await createAdministrator(db, {
    username: values.username,
    displayName: values.name ?? values.username,
    password,
  });
  if (!isCreated) throw new Error(`There is already an account called ${values.username}.`);
  console.log(`Administrator ${values.username} created.`);
}

/** Demo: demo people and cases. Production: an administrator must exist (from the environment or create-admin). */
async function prepareAccounts(db: Database): Promise<void> {
  if (config.mode === 'demo') {
    if ((await seedDemoPeople(db)) > 0) await seedDemoCases(db);
    return;
  }
  if (config.admin && !(await findAccountByUsername(db, config.admin.username))) {
    await createAdministrator(db, { ...config.admin, displayName: config.admin.username });
  }
  const hasAdmin = (await listAccounts(db)).some((a) => a.roles.includes('administrator') && !a.isDemo);
  if (!hasAdmin) {
    throw new Error(
      'Production mode needs an administrator. Run `npm run server -- create-admin --username NAME` ' +
        'or set CLEARWAY_ADMIN_USERNAME and CLEARWAY_ADMIN_PASSWORD.',
    );
  }
}

/**
 * In the background, once listening: works out whose My work the cases stored before migration
 * 010 are in. Until it has, new devices simply get those cases with the full pull, so a failure
 * is said and the server carries on (the next start tries again).
 */
function startWaitingOnBackfill(db: Database, isClosing: () => boolean): void {
  backfillWaitingOn(db, { isStopped: isClosing }).then(
    (filled) => {
      if (filled > 0) console.log(`Worked out whose My work ${filled} earlier cases are in.`);
    },
    (error: unknown) => {
      if (isClosing()) return;
      console.error(
        `Could not work out whose My work earlier cases are in (${error instanceof Error ? error.message : error}). ` +
          'New devices will get those cases with the full download instead; the server carries on.',
      );
    },
  );
}

const db = await openConfiguredDatabase(config);
try {
  if (command === 'create-admin') {
    await createAdmin(db);
    await db.close();
  } else if (command) {
    throw new Error(
      `There is no command called ${command}. Try create-admin, or nothing to start the server.`,
    );
  } else {
    await prepareAccounts(db);
    const mailer = createMailer(config.mail);
    const app = await buildServer(config, { db, ...(mailer ? { mailer } : {}) });
    if (!mailer) console.log('Chase digests are not sent: SMTP_URL is not set.');
    else if (!config.digestAt) console.log('Weekly chase digests are off (CLEARWAY_DIGEST_AT=off).');
    else {
      const stopDigests = startDigestSchedule(db, mailer, config.digestAt);
      app.addHook('onClose', () => {
        stopDigests();
        mailer.close();
      });
    }
    // Hooks cannot be added once listening: the backfill's stop is set up here.
    let isClosing = false;
    app.addHook('onClose', () => {
      isClosing = true;
    });
    await app.listen({ port: config.port, host: config.host });
    console.log(`Clearway is running on ${config.publicUrl} (${config.mode} mode)`);
    startWaitingOnBackfill(db, () => isClosing);
    // The database closes after the server (its hooks still use it: the live feed stops
    // listening), never among its hooks, which run last-added first.
    const stop = () =>
      void app
        .close()
        .then(() => db.close())
        .then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.close().catch(() => undefined);
  process.exit(1);
}
