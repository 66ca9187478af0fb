/**
 * Sealing the sensitive intake answers at rest: AES-256-GCM with a per-site key from the
 * configuration (`intakeKeys` in the config file, or BUURTKIT_INTAKE_KEYS). Each site has a list
 * of keys with ids; new intakes are sealed with the first, and a sealed value names its key id, so
 * after a rotation (a new key first, the old ones kept after it) old rows still open.
 *
 * Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The site and the intake id
 * are the additional authenticated data, so a sealed value copied onto another row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SITE_SLUG_PATTERN } from '../schema/index.js';

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
