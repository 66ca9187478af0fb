/**
 * Proof-of-work solver (ALTCHA protocol), loaded by the outbox only when a collector answers 428
 * `pow_*` — widgets on sites without proof-of-work never download it.
 *
 * A challenge `{ algorithm: 'SHA-256', challenge, maxnumber, salt, signature }` is solved by finding
 * the number n in [0, maxnumber] with hex SHA-256(salt + n) === challenge. Hashing uses WebCrypto in
 * batches: each digest resolves as its own task, so input and rendering go on between batches. The
 * answer is the ALTCHA payload: base64 of JSON { algorithm, challenge, number, salt, signature }.
 */

export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** Digests started at once; big enough to keep WebCrypto busy, small enough to stay responsive. */
const BATCH = 256;

function toBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function equal(a: ArrayBuffer, b: Uint8Array): boolean {
  const v = new Uint8Array(a);
  if (v.length !== b.length) return false;
  for (let i = 0; i < v.length; i++) if (v[i] !== b[i]) return false;
  return true;
}

/** The number that solves the challenge, or undefined when none in range does (or the algorithm is unknown). */
export async function solvePow(c: PowChallenge): Promise<number | undefined> {
  if (c.algorithm !== 'SHA-256' || !/^[0-9a-f]{64}$/.test(c.challenge)) return undefined;
  const target = toBytes(c.challenge);
  const encoder = new TextEncoder();
  const max = Math.max(0, Math.floor(c.maxnumber));
  for (let start = 0; start <= max; start += BATCH) {
    const count = Math.min(BATCH, max - start + 1);
    const digests = await Promise.all(
      Array.from({ length: count }, (_, i) => crypto.subtle.digest('SHA-256', encoder.encode(c.salt + (start + i)))),
    );
    const hit = digests.findIndex((d) => equal(d, target));
    if (hit >= 0) return start + hit;
  }
  return undefined;
}

/** The value of the `Buurtkit-Pow` header for a solved challenge. */
export function powPayload(c: PowChallenge, number: number): string {
  const { algorithm, challenge, salt, signature } = c;
  return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
}

/**
 * Fetches a challenge for the submission's site and solves it; `tokenUrl` is the site's
 * `…/render-token` URL. Undefined when offline, refused or unsolvable (the outbox retries later).
 */
export async function fetchPowSolution(tokenUrl: string): Promise<string | undefined> {
  try {
    const res = await fetch(tokenUrl.replace(/\/render-token$/, '/pow-challenge'), { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) return undefined;
    const c = (await res.json()) as PowChallenge;
    const number = await solvePow(c);
    return number === undefined ? undefined : powPayload(c, number);
  } catch {
    return undefined;
  }
}
