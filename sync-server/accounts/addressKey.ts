// The address a client's failed sign-ins are counted under. An IPv6 client is usually given a
// whole /64 (a home, an office, a cloud machine) and may send each guess from a new address in
// it, so IPv6 counts by its first 64 bits; IPv4, and IPv4 carried in IPv6 (`::ffff:a.b.c.d`, how
// a dual-stack server sees an IPv4 client, in either notation; `64:ff9b::a.b.c.d`, through a
// NAT64 gateway), counts by the IPv4 address itself: by their /64 every IPv4 client would share one.
import { isIPv6 } from 'node:net';

/** The first six groups of IPv6 prefixes that carry an IPv4 address in their last 32 bits. */
const CARRYING_IPV4 = ['0,0,0,0,0,ffff', '64,ff9b,0,0,0,0'];

/** The key sign-in limits count `address` by; what is not an IP address is left as it is. */
export function addressKey(address: string): string {
  // A zone (fe80::1%eth0) names the interface, not the client.
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  const groups = groupsOf(bare);
  if (CARRYING_IPV4.includes(groups.slice(0, 6).join(','))) {
    const [high = 0, low = 0] = groups.slice(6).map((word) => Number.parseInt(word, 16));
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
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
