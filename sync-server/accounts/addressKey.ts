// The address a client's failed sign-ins are counted under. An IPv6 client is usually given a
// whole /64 (a home, an office, a cloud machine) and may send each guess from a new address in
// it, so IPv6 counts by its first 64 bits; IPv4, and IPv4 written as IPv6 (`::ffff:a.b.c.d`, how
// a dual-stack server sees an IPv4 client), counts by the address itself.
import { isIPv4, isIPv6 } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The key sign-in limits count `address` by; what is not an IP address is left as it is. */
export function addressKey(address: string): string {
  // A zone (fe80::1%eth0) names the interface, not the client.
  const bare = address.split('%')[0] ?? address;
  const mapped = IPV4_MAPPED.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(bare)) return address;
  return `${groupsOf(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in, in plain hex without leading zeros. */
function groupsOf(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':'));
  // A trailing dotted IPv4 part (::ffff:0:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const expand = (part: string[]) =>
    part.flatMap((word) => {
      if (!word.includes('.')) return [word];
      const [a = 0, b = 0, c = 0, d = 0] = word.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const before = expand(words(head));
  const after = tail === undefined ? [] : expand(words(tail));
  const zeros = Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((word) => Number.parseInt(word, 16).toString(16));
}
