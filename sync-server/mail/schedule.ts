// When the weekly digest is due: the configured weekday and time in UK time (default Monday
// 08:00). A timer looks every few minutes; the first process to claim the week in the database
// sends it, so a restart or a second process never sends a week twice. A server that was down at
// the time sends that week's digests when it next starts.
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Database } from '../storage/database';
import type { Mailer } from './mailer';
import { sendChaseDigests } from './sendChaseDigests';

export type DigestTime = { isoWeekday: number; time: string };

const london = tz('Europe/London');

/** The UK date of the latest scheduled send at or before `now` (`YYYY-MM-DD`). */
export function digestWeekOf(now: Date, at: DigestTime): string {
  const today = format(now, 'yyyy-MM-dd', { in: london });
  const weekday = Number(format(now, 'i', { in: london }));
  const clock = format(now, 'HH:mm', { in: london });
  let back = (weekday - at.isoWeekday + 7) % 7;
  if (back === 0 && clock < at.time) back = 7;
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - back);
  return day.toISOString().slice(0, 10);
}

/** Sends this week's digests if no process has yet; returns how many went (0 when already sent). */
export async function sendWeeklyDigestsIfDue(
  db: Database,
  mailer: Mailer,
  now: Date,
  at: DigestTime,
): Promise<number> {
  const weekOf = digestWeekOf(now, at);
  const claimed = await db.query(
    `insert into digest_weeks (week_of, sent_at, sent) values ($1, $2, 0)
     on conflict (week_of) do nothing returning week_of`,
    [weekOf, now.toISOString()],
  );
  if (claimed.length === 0) return 0;
  const { sent } = await sendChaseDigests(db, mailer, now);
  await db.query('update digest_weeks set sent = $2 where week_of = $1', [weekOf, sent]);
  return sent;
}

const EVERY_FIVE_MINUTES = 5 * 60_000;

/** Starts the weekly timer; the returned function stops it. */
export function startDigestSchedule(
  db: Database,
  mailer: Mailer,
  at: DigestTime,
  clock: () => Date = () => new Date(),
): () => void {
  const check = () =>
    void sendWeeklyDigestsIfDue(db, mailer, clock(), at).catch((error: unknown) =>
      console.error('The weekly chase digests could not be sent:', error),
    );
  check();
  const timer = setInterval(check, EVERY_FIVE_MINUTES);
  timer.unref();
  return () => clearInterval(timer);
}
