/**
 * The SSRF guard's IPv6 rules against an independent oracle, with fast-check: any address is
 * public exactly when it lies in 2000::/3 (IANA IPv6 Address Space: global unicast) and in none
 * of the prefixes below, copied from the IANA IPv6 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv6-special-registry/) entries that are not globally
 * reachable or that embed an IPv4 address. The oracle does its own prefix arithmetic on BigInt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/collector/webhooks/address.js';

const NOT_PUBLIC: readonly [string, number][] = [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['5f00::', 16],
];

function toBigInt(address: string): bigint {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

const inPrefix = (a: bigint, [network, bits]: readonly [string, number]) =>
  a >> BigInt(128 - bits) === toBigInt(network) >> BigInt(128 - bits);
const oracle = (a: bigint) => inPrefix(a, ['2000::', 3]) && !NOT_PUBLIC.some((p) => inPrefix(a, p));

const format = (a: bigint) => Array.from({ length: 8 }, (_, i) => ((a >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(':');
const anyAddress = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
/** An address inside a given prefix (random host bits), so small prefixes are hit too. */
const inside = ([network, bits]: readonly [string, number]) =>
  fc
    .bigInt({ min: 0n, max: (1n << BigInt(128 - bits)) - 1n })
    .map((host) => ((toBigInt(network) >> BigInt(128 - bits)) << BigInt(128 - bits)) | host);

const SPECIAL: readonly [string, number][] = [
  ['::', 96], // IPv4-compatible, e.g. ::127.0.0.1
  ['::ffff:0:0', 96], // IPv4-mapped (hex spelling)
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ...NOT_PUBLIC,
];

describe('isPublicAddress (IPv6) against the IANA registries', () => {
  it('agrees with the oracle on any address, and on addresses inside each special prefix', () => {
    fc.assert(
      fc.property(anyAddress, (a) => isPublicAddress(format(a)) === oracle(a)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.oneof(...SPECIAL.map(inside)), (a) => isPublicAddress(format(a)) === false),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(inside(['2000::', 3]), (a) => isPublicAddress(format(a)) === oracle(a)),
      { numRuns: 3000 },
    );
  });

  it('refuses every IPv4 address in IPv4-compatible form, [::127.0.0.1] included', () => {
    expect(isPublicAddress('::127.0.0.1')).toBe(false);
    fc.assert(
      fc.property(fc.ipV4(), (v4) => isPublicAddress(`::${v4}`) === false),
      { numRuns: 1000 },
    );
  });
});
