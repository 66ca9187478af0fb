/**
 * Whom the collector believes about a visitor's address. `X-Forwarded-For` is a list each proxy
 * appends to, and its first entries are whatever the client wrote, so the collector must count
 * from the right: either a number of proxy hops it runs behind, or the addresses (or CIDR
 * ranges) of its own proxies. "Trust everything" is not offered: it believes the client-written
 * first entry. A hop count cannot tell a proxy from a client that connects directly, so with a
 * count the collector must only be reachable through the proxy (listen on 127.0.0.1); a list of
 * addresses has no such condition.
 */
import { isIP } from 'node:net';

/** Off, a hop count, or the proxies' addresses and ranges. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for whole ranges, accepted in a list beside addresses. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

export class TrustProxyError extends Error {}

function isAddressOrRange(entry: string): boolean {
  if ((RANGE_NAMES as readonly string[]).includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads `--trust-proxy` / `trustProxy`: `true` or no value is one hop (one proxy of your own in
 * front), `false`/`off`/`0` is off, a whole number is that many hops, anything else a list of
 * addresses/CIDRs (comma-separated in a flag, an array or string in the config file).
 */
export function parseTrustProxy(value: boolean | number | string | readonly string[] | undefined): TrustProxy {
  if (value === undefined || value === false) return false;
  if (value === true) return 1;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 20)
      throw new TrustProxyError('trust-proxy: a hop count is a whole number from 0 to 20');
    return value === 0 ? false : value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '' || text === 'true') return 1;
    if (text === 'false' || text === 'off') return false;
    if (/^\d+$/.test(text)) return parseTrustProxy(Number(text));
  }
  const entries = (typeof value === 'string' ? value.split(',') : [...value]).map((e) => e.trim()).filter(Boolean);
  const wrong = entries.filter((e) => !isAddressOrRange(e));
  if (!entries.length || wrong.length) {
    throw new TrustProxyError(
      `trust-proxy: give a hop count (1 for one proxy) or proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8; not understood: ${wrong.join(', ') || '(empty)'}`,
    );
  }
  return entries;
}

/**
 * As Fastify's `trustProxy`. Fastify itself refuses a bare hop count (it trusts no hop then), so a
 * count becomes proxy-addr's trust function: the socket's peer is hop 0, the entry it appended
 * hop 1, and so on; the first untrusted hop from the right is the visitor.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
