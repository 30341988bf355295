// The 20 devices of bench/sync/server.ts, in a process of their own, so that the server's process
// does only the server's work, as in use (devices are other machines), and its CPU time is the
// server's alone. Each device sends its pushes one after another, as an outbox does; the process
// answers with the wall time of all of it.

/** Each device pushes to its own server process's `url` (several processes share the devices). */
export type PushingDevices = { devices: { url: string; token: string; bodies: string[] }[] };
export type PushingDevicesDone = { ms: number } | { error: string };

const send = (message: PushingDevicesDone) => process.send?.(message);
if (!process.send) throw new Error('pushingDevices.ts runs as a child process of bench/sync/server.ts.');

process.once('message', async ({ devices }: PushingDevices) => {
  const started = performance.now();
  try {
    await Promise.all(
      devices.map(async ({ url, token, bodies }) => {
        for (const body of bodies) {
          const response = await fetch(`${url}/api/replication/events/push`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`push refused: ${response.status} ${text}`);
        }
      }),
    );
    send({ ms: performance.now() - started });
  } catch (error) {
    send({ error: String(error) });
  }
  process.disconnect();
});
