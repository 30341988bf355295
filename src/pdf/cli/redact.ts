// `npm run redact -- IN.pdf OUT.pdf [--search TEXT]... [--pattern NAME]... [--regions REGIONS.json]
//  [--label TEXT] [--password PW] [--schedule SCHEDULE.json]`
// Exit 0 with OUT written and nothing printed; exit 2 with one plain sentence on stderr and no
// OUT. Libraries' own chatter (pdf.js and pdf-lib warnings) is silenced so that scripts can rely
// on the output being empty on success.
import { userInfo } from 'node:os';
import { runRedactCli } from './runRedact';

const RUN_LIMIT_MS = 10 * 60 * 1000;

function whoAmI(): string {
  if (process.env.CLEARWAY_USER) return process.env.CLEARWAY_USER;
  try {
    return userInfo().username || 'command line';
  } catch {
    return 'command line';
  }
}

const quiet = () => {};
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[method] = quiet;

const outcome = await runRedactCli(process.argv.slice(2), {
  now: () => new Date(),
  who: whoAmI(),
  timeoutMs: RUN_LIMIT_MS,
});
if (outcome.code !== 0) process.stderr.write(`${outcome.reason}\n`);
// Exit at once: a stopped run may still have work queued that must not finish writing.
process.exit(outcome.code);
