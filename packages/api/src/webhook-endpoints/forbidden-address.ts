import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** The name of the one range test mode accepts (local development). */
export const LOOPBACK = 'a loopback';

/** Ranges a webhook endpoint may not resolve to, each with the name a refusal message gives it. */
const RANGES: readonly (readonly [name: string, network: string, prefix: number])[] = [
  ['a cloud metadata', 'fd00:ec2::254', 128],
  ['an unspecified', '0.0.0.0', 8],
  [LOOPBACK, '127.0.0.0', 8],
  ['a private (RFC 1918)', '10.0.0.0', 8],
  ['a private (RFC 1918)', '172.16.0.0', 12],
  ['a private (RFC 1918)', '192.168.0.0', 16],
  ['a carrier-grade NAT (shared)', '100.64.0.0', 10],
  ['a link-local (cloud metadata)', '169.254.0.0', 16],
  ['an IETF protocol (metadata)', '192.0.0.0', 24],
  ['a benchmarking', '198.18.0.0', 15],
  ['a multicast', '224.0.0.0', 4],
  ['a reserved', '240.0.0.0', 4],
  ['an unspecified', '::', 128],
  [LOOPBACK, '::1', 128],
  ['a unique local (private)', 'fc00::', 7],
  ['a link-local', 'fe80::', 10],
  ['a site-local', 'fec0::', 10],
  ['a multicast', 'ff00::', 8],
];

const lists = new Map<string, BlockList>();
for (const [name, network, prefix] of RANGES) {
  const list = lists.get(name) ?? new BlockList();
  list.addSubnet(network, prefix, isIPv4(network) ? 'ipv4' : 'ipv6');
  lists.set(name, list);
}

/**
 * The kind of non-public address `address` is (`'a loopback'`, `'a private (RFC 1918)'`, …), or
 * undefined for a public one. IPv4 embedded in IPv6 (`::ffff:127.0.0.1`, NAT64 `64:ff9b::/96`,
 * 6to4 `2002::/16`) is judged as the IPv4 address it carries.
 *
 * @example
 * forbiddenRange('169.254.169.254'); // 'a link-local (cloud metadata)'
 * forbiddenRange('93.184.216.34');   // undefined
 */
export function forbiddenRange(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const embedded = isIPv6(bare) ? embeddedIPv4(bare) : undefined;
  if (embedded) return forbiddenRange(embedded);
  const family = isIPv4(bare) ? 'ipv4' : isIPv6(bare) ? 'ipv6' : undefined;
  if (!family) return 'an unparseable';
  for (const [name, list] of lists) if (list.check(bare, family)) return name;
  return undefined;
}

function embeddedIPv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (mapped || nat64) return dotted(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return dotted(groups[1]!, groups[2]!);
  return undefined;
}

function dotted(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -quad[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return undefined;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((group) => parseInt(group, 16));
}
