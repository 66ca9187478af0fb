/** The consent record stored with a submission: which text, its hash, and when it was given. */
import { createHash } from 'node:crypto';
import { consentText } from '../../schema/consent.js';

const hashes = new Map<string, string | null>();

/**
 * Hex SHA-256 of the UTF-8 consent text of `version` in `locale` (see `schema/consent.ts`), or
 * null when the collector does not know that text: such a consent is still accepted and stored
 * (a newer widget may be ahead of this collector), and the caller logs it.
 */
export function consentHashFor(version: string, locale: string): string | null {
  const key = `${version}\u0000${locale}`;
  let hash = hashes.get(key);
  if (hash === undefined) {
    const text = consentText(version, locale);
    hash = text === undefined ? null : createHash('sha256').update(text, 'utf8').digest('hex');
    hashes.set(key, hash);
  }
  return hash;
}
