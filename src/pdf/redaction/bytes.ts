// Byte arrays: joining parts and reading bytes as Latin-1 text (for searching, never for display).

export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function latin1(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let s = '';
  // Most calls read one token of a few bytes: a plain loop beats a subarray and a spread call.
  if (to - from <= 32) {
    for (let i = from, end = Math.min(to, bytes.length); i < end; i++)
      s += String.fromCharCode(bytes[i] ?? 0);
    return s;
  }
  for (let i = from; i < to; i += 8192)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 8192, to)));
  return s;
}
