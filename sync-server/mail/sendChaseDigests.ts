// The chase-digest job: reads the open cases and the people (with the roles and teams that decide
// what each may see) from the database, builds each person's digest and sends it. People with no
// e-mail address (and no CLEARWAY_MAIL_DOMAIN to make one from the username) cannot be written
// to, so they are left out.
import { z } from 'zod';
import { calendarOf } from '../../src/domain/caseDeadline';
import type { CalendarState, CaseState } from '../../src/domain/caseState';
import { londonDate } from '../../src/domain/deadlines';
import { roleSchema } from '../../src/domain/principal';
import type { Queryable } from '../storage/database';
import { buildDigests, type DigestPerson } from './digest';
import type { Mailer } from './mailer';

const personRowSchema = z.object({
  user_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  roles: z.array(roleSchema),
  team_ids: z.array(z.string()),
  email: z.string().nullable(),
});

// The reducer's own state, stored as the document's `state`; checked for its kind only, since
// the server wrote it through the same domain code that reads it here.
const caseRowSchema = z.object({ state: z.object({ kind: z.literal('case') }).loose() });
const calendarRowSchema = z.object({ state: z.object({ kind: z.literal('calendar') }).loose() });

const FINISHED = ['reported', 'closed', 'withdrawn', 'transferred'];

async function openCases(db: Queryable): Promise<CaseState[]> {
  // The state's status code: the document's own `status` is the label people read ("Closed").
  const rows = await db.query(
    `select document->'state' as state from streams
     where collection = 'cases' and not (document->'state'->>'status' = any($1))`,
    [FINISHED],
  );
  return rows.map((row) => caseRowSchema.parse(row).state as unknown as CaseState);
}

async function calendar(db: Queryable) {
  const [row] = await db.query(
    `select document->'state' as state from streams where stream_id = 'org:calendar'`,
  );
  const parsed = calendarRowSchema.safeParse(row);
  return calendarOf(parsed.success ? (parsed.data.state as unknown as CalendarState) : null);
}

async function people(db: Queryable, mailDomain: string | undefined): Promise<DigestPerson[]> {
  const rows = await db.query('select user_id, username, display_name, roles, team_ids, email from users');
  return rows.flatMap((raw) => {
    const row = personRowSchema.parse(raw);
    const email = row.email ?? (mailDomain ? `${row.username}@${mailDomain}` : null);
    return email
      ? [
          {
            userId: row.user_id,
            displayName: row.display_name,
            roles: row.roles,
            teamIds: row.team_ids,
            email,
          },
        ]
      : [];
  });
}

export type DigestRun = { sent: number };

export async function sendChaseDigests(db: Queryable, mailer: Mailer, now: Date): Promise<DigestRun> {
  const digests = buildDigests(
    await openCases(db),
    await people(db, mailer.fallbackDomain),
    londonDate(now.toISOString()),
    await calendar(db),
  );
  for (const digest of digests) {
    await mailer.send({ to: digest.to.email, subject: digest.subject, text: digest.text, html: digest.html });
  }
  return { sent: digests.length };
}
