// An upload cut half-way (the train enters a tunnel) resumes where the server stopped, rather
// than starting again, and the stored file is exactly the one added on the device.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/data/blobs';
import { eventually, newDevice, serverForSuite } from './dataDevices';

const CHUNK = 64 * 1024;

describe('a cut upload', () => {
  const suiteServer = serverForSuite();

  it('resumes from the server’s offset and stores the file whole', async () => {
    const network = { isOnline: true };
    const patchOffsets: number[] = [];
    const transport: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH') {
        patchOffsets.push(Number(new Headers(init.headers).get('upload-offset')));
        // The tunnel: after two chunks have gone, the network drops.
        if (patchOffsets.length === 3) network.isOnline = false;
      }
      return fetch(input, init);
    };
    const device = newDevice(suiteServer().url, 'sam-laptop', network, transport, {
      uploads: { chunkBytes: CHUNK, retryDelaysMs: [0] },
    });
    try {
      await device.client.signIn('caseworker', 'demo');
      const bytes = new Uint8Array(5 * CHUNK + 123).map((_, i) => (i * 7) % 256);
      const ref = await device.client.blobs!.put(new Blob([bytes]), 'scan.pdf');
      const cut = await eventually('the upload to fail in the tunnel', async () => {
        await device.client.blobs!.uploadQueued();
        const [row] = await device.client.blobs!.pendingUploads();
        return row?.state === 'failed' ? row : undefined;
      });
      expect(cut.uploadUrl).toBeTruthy();
      const sentBeforeCut = patchOffsets.length;

      network.isOnline = true;
      await device.client.blobs!.uploadQueued();
      expect(await device.client.blobs!.pendingUploads()).toEqual([]);
      const resumedAt = patchOffsets[sentBeforeCut];
      expect(resumedAt).toBeGreaterThanOrEqual(2 * CHUNK); // not from zero

      const me = await suiteServer().signIn('caseworker');
      const stored = await suiteServer().call(me, `/api/blobs/${ref.sha256}`);
      expect(stored.status).toBe(200);
      const body = new Uint8Array(await stored.arrayBuffer());
      expect(body.length).toBe(bytes.length);
      expect(await sha256Hex(new Blob([body]))).toBe(ref.sha256);
    } finally {
      await device.client.close();
    }
  });
});
