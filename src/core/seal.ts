/**
 * Sealing in the browser with a site's public key (format in `schema/sealed-intake.ts`), so what
 * a visitor wrote is unreadable on the device and on the way: only the collector that holds the
 * private key opens it. WebCrypto only, no library. Needs a secure context (https or localhost):
 * elsewhere `canSeal()` is false and the caller must not store the value.
 */
import { SEALED_INTAKE_INFO, SEALED_INTAKE_VERSION, type IntakePublicKey } from '../schema/sealed-intake.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  let bin = '';
  for (const b of new Uint8Array(bytes)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const canSeal = (): boolean => typeof crypto !== 'undefined' && !!crypto.subtle;

/** Seal `value` (as JSON) to `key`; `aad` must be given again to open it. */
export async function sealTo(key: IntakePublicKey, aad: string, value: unknown): Promise<string> {
  const { subtle } = crypto;
  const ec = { name: 'ECDH', namedCurve: 'P-256' } as const;
  const recipient = await subtle.importKey('jwk', { ...key.key, ext: true }, ec, false, []);
  // A fresh key pair per value: two intakes never share a key, and the device keeps no secret.
  const fresh = await subtle.generateKey(ec, false, ['deriveBits']);
  const shared = await subtle.deriveBits({ name: 'ECDH', public: recipient }, fresh.privateKey, 256);
  const freshPublic = new Uint8Array(await subtle.exportKey('raw', fresh.publicKey));
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aes = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: freshPublic, info: utf8(SEALED_INTAKE_INFO) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const body = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, aes, utf8(JSON.stringify(value)));
  return [SEALED_INTAKE_VERSION, key.keyId, base64url(freshPublic), base64url(iv), base64url(body)].join('.');
}
