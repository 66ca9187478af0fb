/**
 * Flatten an envelope into url-encoded form fields for endpoints that only read forms
 * (`payload-format="form"`): nested keys joined with dots (`data.text`, `trap.elapsedMs`),
 * array items by index (`data.tags.0`). Pure; no DOM.
 */

export type FormPair = [key: string, value: string];

export function flattenForm(value: unknown, prefix = ''): FormPair[] {
  if (value === undefined) return [];
  // Object.entries gives array items by index, too.
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => flattenForm(v, prefix ? `${prefix}.${k}` : k));
  }
  return prefix ? [[prefix, value === null ? '' : String(value)]] : [];
}

/** `application/x-www-form-urlencoded` body for an object. */
export function toFormBody(value: unknown): string {
  return new URLSearchParams(flattenForm(value)).toString();
}
