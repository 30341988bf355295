// `npm run bench`: every benchmark in turn, each printing its figures beside the baseline it
// measures in the same run. Run them one at a time: they share two cores.
import { spawnSync } from 'node:child_process';

const BENCHES = ['bench:redaction', 'bench:sync', 'bench:device', 'bench:ui', 'bench:review'] as const;

let failed = 0;
for (const name of BENCHES) {
  console.log(`\n=== npm run ${name}`);
  const run = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
