/**
 * A person's contact detail in one spelling, so "Anna@Example.nl " and "anna@example.nl", or
 * "06-12345678", "+31 6 1234 5678" and "0031612345678", find the same person:
 * - e-mail: trimmed, lower case (the local part is case-insensitive in practice everywhere);
 * - phone: digits with the country code, `+` first. A leading `00` is the international prefix;
 *   a single leading `0` is a Dutch national number (`06…`, `020…`) and becomes `+31…`.
 */
import { EMAIL_PATTERN, isPlausibleContact } from '../../schema/index.js';

export type NormalisedContact = { kind: 'email' | 'phone'; key: string };

export function normaliseContact(input: string): NormalisedContact | null {
  const value = input.trim();
  if (!value || !isPlausibleContact(value)) return null;
  if (EMAIL_PATTERN.test(value)) return { kind: 'email', key: value.toLowerCase() };
  let digits = value.replace(/\D/g, '');
  if (value.startsWith('+')) return { kind: 'phone', key: `+${digits}` };
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `31${digits.slice(1)}`;
  return { kind: 'phone', key: `+${digits}` };
}

/** Whether a stored contact detail is the same as the (normalised) one asked for. */
export function sameContact(stored: string | null, wanted: NormalisedContact): boolean {
  if (stored === null) return false;
  const n = normaliseContact(stored);
  return n !== null && n.kind === wanted.kind && n.key === wanted.key;
}
