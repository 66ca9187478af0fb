/**
 * What the privacy search shows of a stored record, in words a coordinator reads: a chosen set of
 * fields per source, each with a label key of the admin strings and a kind that says how to show
 * the value (a date in the page's language, ja/nee, a code as its word). Raw field names, ids of
 * other tables and UTC stamps never reach the screen. Pure.
 */
export type PersonSource = 'ideas' | 'volunteerSignups' | 'volunteerApplications' | 'intakes';

export type FieldKind = 'text' | 'date' | 'yesNo' | 'list' | `word:${string}`;

export interface PersonField {
  /** Admin string key of the label (`pf.…`). */
  label: string;
  kind: FieldKind;
  value: unknown;
}

/** Field name → [label key, kind], in the order shown; `data.x` reads inside the stored payload. */
const SHOWN: Record<PersonSource, readonly [string, string, FieldKind][]> = {
  ideas: [
    ['name', 'pf.name', 'text'],
    ['contact', 'pf.contact', 'text'],
    ['text', 'pf.text', 'text'],
    ['createdAt', 'pf.createdAt', 'date'],
    ['status', 'pf.status', 'word:status'],
    ['published', 'pf.published', 'yesNo'],
    ['consentGivenAt', 'pf.consentGivenAt', 'date'],
    ['id', 'pf.id', 'text'],
  ],
  volunteerSignups: [
    ['firstName', 'pf.firstName', 'text'],
    ['contact', 'pf.contact', 'text'],
    ['startAt', 'pf.startAt', 'date'],
    ['status', 'pf.status', 'word:signup'],
    ['attended', 'pf.attended', 'yesNo'],
    ['createdAt', 'pf.signedUpAt', 'date'],
    ['id', 'pf.id', 'text'],
  ],
  volunteerApplications: [
    ['data.firstName', 'pf.firstName', 'text'],
    ['data.contact', 'pf.contact', 'text'],
    ['data.roles', 'pf.roles', 'list'],
    ['data.skills', 'pf.skills', 'text'],
    ['data.needs', 'pf.needs', 'text'],
    ['receivedAt', 'pf.createdAt', 'date'],
    ['id', 'pf.id', 'text'],
  ],
  intakes: [
    ['createdAt', 'pf.createdAt', 'date'],
    ['visibility', 'pf.visibility', 'word:visibility'],
    ['id', 'pf.id', 'text'],
  ],
};

const read = (record: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The fields of a found record worth showing, with a value. */
export function personFields(source: PersonSource, record: Record<string, unknown>): PersonField[] {
  return SHOWN[source].map(([path, label, kind]) => ({ label, kind, value: read(record, path) })).filter((f) => !empty(f.value));
}

/** Receipt field names (`ideas.name`, `intakes.*`) → label keys per source: `pf.all` for everything. */
const ERASED: Record<string, string> = {
  name: 'pf.name',
  firstName: 'pf.firstName',
  contact: 'pf.contact',
  consentVersion: 'pf.consentVersion',
  consentGivenAt: 'pf.consentGivenAt',
  consentHash: 'pf.consentHash',
  '*': 'pf.all',
};

/** The erased fields grouped per source, as label keys: `[['ideas', ['pf.name', …]], …]`. */
export function erasedFieldLabels(removed: readonly string[]): [PersonSource, string[]][] {
  const groups = new Map<PersonSource, string[]>();
  for (const field of removed) {
    const [source, name = '*'] = field.split(/\.(.*)/s) as [PersonSource, string?];
    const list = groups.get(source) ?? [];
    const label = ERASED[name] ?? 'pf.other';
    if (!list.includes(label)) list.push(label);
    groups.set(source, list);
  }
  return [...groups];
}
