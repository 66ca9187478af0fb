/**
 * Which network addresses a webhook may reach. A collector runs next to things that must never be
 * reachable from a site's settings (its database, a cloud metadata service at 169.254.169.254,
 * the LAN), so only public unicast addresses are allowed unless the operator opts in.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
/**
 * IPv6: only global unicast (2000::/3, IANA IPv6 Address Space) is reachable, minus the entries of
 * the IANA IPv6 Special-Purpose Address Registry that are not globally reachable or that embed an
 * IPv4 address a relay would reach (NAT64, 6to4, Teredo). Everything outside 2000::/3 (loopback,
 * ::/96 IPv4-compatible such as ::127.0.0.1, link-local, unique local, multicast, site-local) is refused.
 */
export const IPV6_GLOBAL_UNICAST = ['2000::', 3] as const;
export const IPV6_SPECIAL_PURPOSE = [
  ['2001::', 23], // IETF protocol assignments: Teredo (embeds IPv4), benchmarking, ORCHID, …
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: would reach an embedded IPv4 address
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // SRv6 SIDs (RFC 9602)
  ['64:ff9b::', 96], // NAT64 well-known prefix (outside 2000::/3 anyway; listed for clarity)
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation
  ['100::', 64], // discard-only
  ['100:0:0:1::', 64], // dummy IPv6 prefix
] as const;
const globalUnicast = new BlockList();
globalUnicast.addSubnet(IPV6_GLOBAL_UNICAST[0], IPV6_GLOBAL_UNICAST[1], 'ipv6');
for (const [network, prefix] of IPV6_SPECIAL_PURPOSE) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for a public unicast IPv4 or IPv6 address; false for anything else, including non-addresses. */
export function isPublicAddress(address: string): boolean {
  const mapped = MAPPED_V4.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family === 6) {
    // `::ffff:7f00:1` is the hex spelling of a mapped 127.0.0.1.
    if (/^::ffff:/i.test(address)) return false;
    return globalUnicast.check(address, 'ipv6') && !blocked.check(address, 'ipv6');
  }
  return false;
}

/**
 * Why a webhook or feed host may not be reached, checked when it is set so the operator hears at
 * once; null when it may. A name is looked up now; it is checked again at every send, because
 * what a name resolves to can change (DNS rebinding).
 */
export async function hostProblem(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is a private or reserved address`;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return `${host} cannot be found`;
  }
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  return refused ? `${host} resolves to ${refused.address}, a private or reserved address` : null;
}
