/**
 * Intake answers sealed in the browser with the site's public key, before they are stored on the
 * device or sent: ECDH on P-256 with a fresh key pair per intake, HKDF-SHA-256 over the shared
 * secret (salt: the fresh public key), AES-256-GCM with the site and the envelope id as additional
 * data, so a sealed value copied into another envelope does not open. Only the collector, which
 * holds the private key, opens it. The widget and the collector share this wire format; DOM-free,
 * no zod.
 *
 * Sealed form: `bk1.<keyId>.<fresh public key, raw>.<iv>.<ciphertext + tag>` (base64url parts).
 */
export const SEALED_INTAKE_VERSION = 'bk1';
export const SEALED_INTAKE_ALG = 'ECDH-P256+HKDF-SHA256+A256GCM';
export const SEALED_INTAKE_INFO = 'buurtkit-intake-seal-v1';
/** Longest sealed string the collector reads (the envelope itself is capped at 32 KB). */
export const SEALED_INTAKE_MAX = 40_000;

/** The additional authenticated data: binds the sealed value to its site and envelope. */
export const sealedIntakeAad = (site: string, id: string) => `buurtkit-intake-browser\u0000${site}\u0000${id}`;

/** What `GET /v1/sites/:site/intake-key` answers: the public half of the site's current key. */
export interface IntakePublicKey {
  keyId: string;
  alg: typeof SEALED_INTAKE_ALG;
  key: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

/** The intake payload as the widget sends it when sealed: everything is inside `sealed`. */
export interface SealedIntakePayload {
  kind: 'sealed';
  sealed: string;
}

export function isIntakePublicKey(v: unknown): v is IntakePublicKey {
  const k = v as IntakePublicKey | null;
  return (
    !!k &&
    typeof k === 'object' &&
    typeof k.keyId === 'string' &&
    k.alg === SEALED_INTAKE_ALG &&
    !!k.key &&
    k.key.kty === 'EC' &&
    k.key.crv === 'P-256' &&
    typeof k.key.x === 'string' &&
    typeof k.key.y === 'string'
  );
}
