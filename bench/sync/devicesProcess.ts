// Starts bench:sync's devices (pushingDevices.ts) in a process of their own, so a server's
// process does only the server's work, as in use, and answers with the wall time of all pushes.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { PushingDevices, PushingDevicesDone } from './pushingDevices';

export async function pushFromDevices(devices: PushingDevices['devices']): Promise<{ ms: number }> {
  const child = fork(fileURLToPath(new URL('./pushingDevices.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  const answered = once(child, 'message') as Promise<[PushingDevicesDone]>;
  child.send({ devices } satisfies PushingDevices);
  const [done] = await answered;
  if ('error' in done) throw new Error(done.error);
  return done;
}
