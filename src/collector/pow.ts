/**
 * Optional proof-of-work, compatible with the ALTCHA protocol (https://altcha.org), self-hosted: no
 * call to any third party. A site turns it on with `settings.proofOfWork = { maxNumber }`.
 *
 * `GET /v1/sites/:site/pow-challenge` answers an ALTCHA challenge:
 *   { algorithm: 'SHA-256', challenge: hex sha256(salt + number), maxnumber, salt, signature }
 * where `signature` is hex HMAC-SHA256(server secret, challenge) and the salt carries the site and
 * the expiry as ALTCHA does (`<random hex>?site=<slug>&expires=<unix seconds>&`). The client finds
 * `number` in [0, maxnumber] by brute force and sends the ALTCHA payload — base64 of the JSON
 * { algorithm, challenge, number, salt, signature } — in the `Buurtkit-Pow` header of its
 * submission. Each challenge is good for one submission: it is claimed in the database together
 * with the submission id (a retry of the same submission passes, another id is refused).
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ApiError } from './http.js';
import type { Site, Store } from './store/types.js';

export const POW_HEADER = 'buurtkit-pow';
export const POW_ALGORITHM = 'SHA-256';
/** A challenge must be solved and sent within this time (a stored solution older than this is refused). */
export const POW_LIFETIME_MS = 3600_000;
/** What `--proof-of-work on` means; about 0.4 s median on a 2-core server (npm run bench:pow). */
export const POW_DEFAULT_MAX_NUMBER = 50_000;
export const POW_MAX_NUMBER_LIMIT = 10_000_000;

export interface PowChallenge {
  algorithm: typeof POW_ALGORITHM;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface PowPayload {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

const SALT_PATTERN = /^[0-9a-f]{24}\?site=([a-z0-9-]{1,64})&expires=(\d{1,12})&$/;
const HEX64 = /^[0-9a-f]{64}$/;
const PRUNE_EVERY_MS = 3600_000;

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export class ProofOfWork {
  private secret: string | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  private async sign(challenge: string): Promise<string> {
    this.secret ??= await this.store.secret('pow', randomBytes(32).toString('base64url'));
    return createHmac('sha256', this.secret).update(challenge).digest('hex');
  }

  /** A fresh challenge for a site; the difficulty is the site's `maxNumber` (or the default when off). */
  async issue(site: Site): Promise<PowChallenge> {
    const maxnumber = site.settings.proofOfWork?.maxNumber ?? POW_DEFAULT_MAX_NUMBER;
    const expires = Math.floor((this.clock() + POW_LIFETIME_MS) / 1000);
    const salt = `${randomBytes(12).toString('hex')}?site=${site.slug}&expires=${expires}&`;
    const challenge = sha256Hex(salt + randomInt(0, maxnumber + 1));
    return { algorithm: POW_ALGORITHM, challenge, maxnumber, salt, signature: await this.sign(challenge) };
  }

  /**
   * Accepts the solution for this submission or throws 428: `pow_required` when the header is
   * missing, `pow_invalid` when it is malformed, wrong, signed by someone else, for another site
   * or expired, `pow_used` when the challenge was used by another submission.
   */
  async check(site: string, header: string | string[] | undefined, submissionId: string): Promise<void> {
    const value = typeof header === 'string' ? header.trim() : '';
    if (!value)
      throw refused(
        'pow_required',
        'This site asks for a proof of work: solve GET /v1/sites/:site/pow-challenge and send it in the Buurtkit-Pow header',
      );
    const payload = decode(value);
    const salt = payload && SALT_PATTERN.exec(payload.salt);
    if (
      !payload ||
      !salt ||
      payload.algorithm !== POW_ALGORITHM ||
      salt[1] !== site ||
      sha256Hex(payload.salt + payload.number) !== payload.challenge ||
      !sameHex(await this.sign(payload.challenge), payload.signature)
    ) {
      throw refused('pow_invalid', 'The proof of work is not valid for this site; fetch and solve a new challenge');
    }
    const now = this.clock();
    if (Number(salt[2]) * 1000 < now) throw refused('pow_invalid', 'The proof-of-work challenge has expired; fetch and solve a new one');
    const owner = await this.store.limits.claimPowChallenge({
      challenge: payload.challenge,
      site,
      submissionId,
      usedAt: new Date(now).toISOString(),
    });
    if (owner !== submissionId) throw refused('pow_used', 'This proof of work was already used; fetch and solve a new challenge');
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      // A use older than the lifetime belongs to a challenge that has expired anyway.
      await this.store.limits.prunePowUses(new Date(now - POW_LIFETIME_MS - 60_000).toISOString());
    }
  }
}

/** The ALTCHA payload: base64 of JSON; undefined when it is not one. */
function decode(value: string): PowPayload | undefined {
  if (value.length > 2048 || !/^[A-Za-z0-9+/=_-]+$/.test(value)) return undefined;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<PowPayload> | null;
    if (
      typeof p?.algorithm === 'string' &&
      typeof p.challenge === 'string' &&
      HEX64.test(p.challenge) &&
      Number.isSafeInteger(p.number) &&
      p.number! >= 0 &&
      p.number! <= POW_MAX_NUMBER_LIMIT &&
      typeof p.salt === 'string' &&
      typeof p.signature === 'string'
    ) {
      return p as PowPayload;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

function sameHex(expected: string, given: string): boolean {
  if (!HEX64.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

function refused(code: string, message: string): ApiError {
  return new ApiError(428, code, message);
}
