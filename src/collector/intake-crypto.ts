/**
 * Sealing the sensitive intake answers at rest: AES-256-GCM with a per-site key from the
 * configuration (`intakeKeys` in the config file, or BUURTKIT_INTAKE_KEYS). Each site has a list
 * of keys with ids; new intakes are sealed with the first, and a sealed value names its key id, so
 * after a rotation (a new key first, the old ones kept after it) old rows still open.
 *
 * Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The site and the intake id
 * are the additional authenticated data, so a sealed value copied onto another row does not open.
 *
 * The same keys give each site an ECDH P-256 key pair (derived with HKDF, so there is nothing more
 * to configure or back up): the widget seals the whole intake with the public half before it is
 * stored on the visitor's device or sent (`schema/sealed-intake.ts`), and the collector opens it on
 * receipt with the private half, checks it, and seals the sensitive answers at rest as above.
 */
import { createCipheriv, createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { z } from 'zod';
import {
  SEALED_INTAKE_ALG,
  SEALED_INTAKE_INFO,
  SEALED_INTAKE_VERSION,
  SITE_SLUG_PATTERN,
  sealedIntakeAad,
  type IntakePublicKey,
} from '../schema/index.js';

export interface IntakeKey {
  id: string;
  key: Buffer;
}

/** Site slug → its keys, the current one first. */
export type IntakeKeyring = ReadonlyMap<string, readonly IntakeKey[]>;

export const INTAKE_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** What the config file holds: `{ "<site>": [{ "id": "2026-11", "key": "<32 bytes, base64>" }, …] }`. */
export const intakeKeysConfigSchema = z.record(
  z.string().regex(SITE_SLUG_PATTERN, 'a site slug'),
  z
    .array(
      z.strictObject({
        id: z.string().regex(INTAKE_KEY_ID_PATTERN, 'letters, digits, _ and -, at most 32'),
        key: z.string().refine((k) => decodeKey(k)?.length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)'),
      }),
    )
    .min(1, 'give at least one key; the first seals new intakes')
    .refine((keys) => new Set(keys.map((k) => k.id)).size === keys.length, 'key ids must differ'),
);
export type IntakeKeysConfig = z.infer<typeof intakeKeysConfigSchema>;

function decodeKey(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text.trim())) return undefined;
  return Buffer.from(text.trim(), text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
}

export function toKeyring(config: IntakeKeysConfig | undefined): IntakeKeyring {
  const parsed = intakeKeysConfigSchema.parse(config ?? {});
  return new Map(Object.entries(parsed).map(([site, keys]) => [site, keys.map((k) => ({ id: k.id, key: decodeKey(k.key)! }))]));
}

/** Reads BUURTKIT_INTAKE_KEYS (the same JSON as the config file's `intakeKeys`). */
export function intakeKeysFromEnv(value: string | undefined): IntakeKeysConfig | undefined {
  if (!value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('BUURTKIT_INTAKE_KEYS is not valid JSON');
  }
  const parsed = intakeKeysConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`BUURTKIT_INTAKE_KEYS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** A sealed value whose key is not configured (any more), or that was tampered with. */
export class IntakeSealError extends Error {}

const aad = (site: string, id: string) => Buffer.from(`buurtkit-intake\u0000${site}\u0000${id}`, 'utf8');

export function seal(keys: readonly IntakeKey[], site: string, id: string, value: unknown): string {
  const current = keys[0];
  if (!current) throw new IntakeSealError(`No intake key for site "${site}"`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(aad(site, id));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function unseal(keys: readonly IntakeKey[], site: string, id: string, sealed: string): unknown {
  const [version, keyId, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || body === undefined) {
    throw new IntakeSealError('Not a sealed intake value');
  }
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new IntakeSealError(`The intake key "${keyId}" of site "${site}" is not configured`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(site, id));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    throw new IntakeSealError('A sealed intake value does not open with its key (changed or damaged)');
  }
}

// ---- sealed in the browser -------------------------------------------------------------------------

/** The order of the P-256 group: a private key is a number in [1, n). */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const pairs = new WeakMap<IntakeKey, ECDH>();

/** The site key's ECDH pair: a private scalar from HKDF over the key (the first that is in range). */
function keyPair(key: IntakeKey): ECDH {
  let pair = pairs.get(key);
  if (pair) return pair;
  for (let round = 0; ; round++) {
    const d = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), `buurtkit-intake-ecdh-p256-v1:${round}`, 32));
    const n = BigInt(`0x${d.toString('hex')}`);
    if (n === 0n || n >= P256_ORDER) continue;
    pair = createECDH('prime256v1');
    pair.setPrivateKey(d);
    pairs.set(key, pair);
    return pair;
  }
}

/** The public half of the site's current key, as the widget imports it (a JWK). */
export function intakePublicKey(keys: readonly IntakeKey[]): IntakePublicKey | undefined {
  const current = keys[0];
  if (!current) return undefined;
  const point = keyPair(current).getPublicKey(); // 0x04 || x || y
  return {
    keyId: current.id,
    alg: SEALED_INTAKE_ALG,
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
  };
}

/** Opens what the widget sealed for this site and envelope; throws `IntakeSealError` otherwise. */
export function openBrowserSealed(keys: readonly IntakeKey[], site: string, id: string, sealed: string): unknown {
  const parts = sealed.split('.');
  const [version, keyId, fresh, iv, body] = parts;
  if (parts.length !== 5 || version !== SEALED_INTAKE_VERSION || !keyId || !fresh || !iv || !body) {
    throw new IntakeSealError('Not an intake sealed by the widget');
  }
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new IntakeSealError(`The intake key "${keyId}" of site "${site}" is not configured`);
  try {
    const freshPublic = Buffer.from(fresh, 'base64url');
    const shared = keyPair(key).computeSecret(freshPublic);
    const aesKey = Buffer.from(hkdfSync('sha256', shared, freshPublic, SEALED_INTAKE_INFO, 32));
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 17) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(sealedIntakeAad(site, id), 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    throw new IntakeSealError('A sealed intake does not open with the site key (changed, damaged or for another envelope)');
  }
}
