/**
 * Coordinators' tags on ideas ("welke wensen komen vaker terug"): free text, normalised so
 * "Koffie ", "koffie" and "#Koffie" are one tag. Zod-free, so the admin page can use it too.
 */

/** Characters of one tag, after normalising. */
export const TAG_MAX = 40;
/** Tags on one idea. */
export const IDEA_TAGS_MAX = 10;

/**
 * The stored form of a tag: NFC, no leading `#`, spaces collapsed and trimmed, lower case.
 * Control characters are removed. '' when nothing is left.
 */
export function normaliseTag(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/^[\s#]+/u, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLocaleLowerCase('nl');
}
