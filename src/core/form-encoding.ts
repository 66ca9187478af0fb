/**
 * Flatten an envelope into url-encoded form fields for endpoints that only read forms
 * (`payload-format="form"`): nested keys joined with dots (`data.text`, `trap.elapsedMs`),
 * array items by index (`data.tags.0`). Pure; no DOM.
 */

export type FormPair = [key: string, value: string];

export function flattenForm(value: unknown, prefix = ''): FormPair[] {
  if (value === undefined) return [];
  if (value === null) return prefix ? [[prefix, '']] : [];
  if (typeof value === 'object') {
    const out: FormPair[] = [];
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) out.push(...flattenForm(v, prefix ? `${prefix}.${k}` : k));
    return out;
  }
  return prefix ? [[prefix, String(value)]] : [];
}

/** `application/x-www-form-urlencoded` body for an object. */
export function toFormBody(value: unknown): string {
  return new URLSearchParams(flattenForm(value)).toString();
}
