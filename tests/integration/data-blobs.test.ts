// Documents added on a device with no signal are kept on the device at once, uploaded with tus
// when it reconnects, and fetched ahead onto the devices of people who hold the case, so they
// open offline there too. Real server in-process (PGlite, tus file store).
import { describe, expect, it } from 'vitest';
import { caseForTheOfficial, eventually, newDevice, serverForSuite } from './dataDevices';

describe('documents on a device', () => {
  const suiteServer = serverForSuite();

  it('keeps a document added offline, uploads it later, and fetches it ahead for the case holder', async () => {
    const sam = newDevice(suiteServer().url, 'sam-laptop');
    const tom = newDevice(suiteServer().url, 'priya-tablet');
    try {
      await sam.client.signIn('caseworker', 'demo');
      await tom.client.signIn('official', 'demo');
      // Priya (the official on Tom's tablet) is given the case: she now holds it.
      const logged = { stream: await caseForTheOfficial(sam.client) };

      sam.network.isOnline = false;
      // 300 KB: several tus requests would be needed with a small chunk; the bytes must survive.
      const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
      const file = new Blob([bytes], { type: 'application/pdf' });
      const ref = await sam.client.blobs!.put(file, 'request letter.pdf');
      expect(ref.size).toBe(bytes.length);
      expect(await sam.client.blobs!.has(ref.sha256)).toBe(true);
      const [queued] = await sam.client.blobs!.pendingUploads();
      expect(queued?.sha256).toBe(ref.sha256);
      const head = await suiteServer().call(
        await suiteServer().signIn('caseworker'),
        `/api/blobs/${ref.sha256}`,
        {
          method: 'HEAD',
        },
      );
      expect(head.status).not.toBe(200);

      await sam.client.sendEvent(logged.stream, 'document.added', {
        sha256: ref.sha256,
        name: 'request letter.pdf',
        size: ref.size,
        mime: 'application/pdf',
        kind: 'request',
      });
      sam.network.isOnline = true;
      sam.client.sync?.reSync();
      await eventually('the upload to finish', async () => {
        await sam.client.blobs!.uploadQueued();
        return (await sam.client.blobs!.pendingUploads()).length === 0 ? true : undefined;
      });

      // The document reaches the holder's tablet without anyone opening it there.
      const fetched = await eventually('the holder’s device to hold the document', async () =>
        (await tom.client.blobs?.has(ref.sha256)) ? true : undefined,
      );
      expect(fetched).toBe(true);
      tom.network.isOnline = false;
      const offline = await tom.client.blobs!.get(ref.sha256);
      expect(new Uint8Array(await offline!.arrayBuffer())).toEqual(bytes);
    } finally {
      await sam.client.close();
      await tom.client.close();
    }
  });
});
