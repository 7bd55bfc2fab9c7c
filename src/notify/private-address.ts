import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Loopback, private, link-local, carrier-grade NAT, documentation, multicast and reserved ranges, and
// the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4), which could reach them indirectly.
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  // IPv4-mapped addresses (::ffff:a.b.c.d) are checked as IPv4 in isPrivateAddress: a ::ffff:0:0/96 rule
  // here would also match every plain IPv4 address, which BlockList treats as mapped.
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** True for an address a public subscriber's webhook must not reach (and for anything not an IP). */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return BLOCKED.check(mapped[1], 'ipv4');
  return BLOCKED.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressError extends Error {
  readonly code = 'EBEACON_PRIVATE_ADDRESS';

  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a private or reserved address; webhooks may not reach it`);
    this.name = 'PrivateAddressError';
  }
}

type LookupAll = (
  hostname: string,
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void;

const systemLookupAll: LookupAll = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for net/tls.connect that resolves the name, drops private addresses and hands the socket
 * only the checked ones: the connection goes where the check looked, whatever DNS says a moment later.
 */
export function publicOnlyLookup(resolveAll: LookupAll = systemLookupAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, (error, addresses) => {
      if (error !== null) return callback(error, '', 4);
      const family =
        options.family === 4 || options.family === 'IPv4'
          ? 4
          : options.family === 6 || options.family === 'IPv6'
            ? 6
            : 0;
      const usable = addresses.filter(
        (a) => !isPrivateAddress(a.address) && (family === 0 || a.family === family),
      );
      const first = usable[0];
      if (first === undefined)
        return callback(new PrivateAddressError(hostname, addresses[0]?.address ?? 'no address'), '', 4);
      // Node asks for every address (`all`) when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all === true) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  };
}
