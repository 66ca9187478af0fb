/**
 * Volunteer exports: every sign-up of a period, and the hours per volunteer per month
 * or year (for a thank-you and the annual report). A person is recognised by their
 * normalised contact detail, so "06-1234 5678" and "+31 6 12345678" count as one.
 */
import type { VolunteerApplicationPayload } from '../../schema/index.js';
import { dutchText, translationsOf, type LocalizedText } from '../../schema/localized-text.js';
import type { ApplicationRecord, ShiftSignupRecord } from '../store/types.js';
import { normaliseContact } from '../privacy/contact.js';
import { momentColumns, parseLocalTime, toCsvColumns, toXlsxColumns, type ExportColumn } from './columns.js';
import type { CsvColumn } from './csv.js';
import { formatLocalDateTime } from './local-time.js';
import { languageWord, motivationWord, signupStatusWord } from './words.js';
import type { XlsxColumn } from './xlsx.js';

export type HoursPeriod = 'month' | 'year';

export interface HoursRow {
  period: string;
  firstName: string;
  contact: string;
  shifts: number;
  hours: number;
}

/** A sign-up counts as served when it was confirmed and not marked absent. */
export const served = (s: ShiftSignupRecord) => s.status === 'confirmed' && s.attended !== false;

const hoursOf = (s: ShiftSignupRecord) => (Date.parse(s.endAt) - Date.parse(s.startAt)) / 3_600_000;

/** Hours per volunteer per period, periods in order, then by name. */
export function hoursPerVolunteer(signups: readonly ShiftSignupRecord[], period: HoursPeriod, timeZone: string): HoursRow[] {
  const rows = new Map<string, HoursRow>();
  for (const s of signups) {
    if (!served(s)) continue;
    const day = formatLocalDateTime(s.startAt, timeZone);
    const key = period === 'year' ? day.slice(0, 4) : day.slice(0, 7);
    const person = normaliseContact(s.contact)?.key ?? s.contact.trim().toLowerCase();
    const id = `${key}\u0000${person}`;
    const row = rows.get(id) ?? { period: key, firstName: s.firstName, contact: s.contact, shifts: 0, hours: 0 };
    row.shifts++;
    row.hours = Math.round((row.hours + hoursOf(s)) * 100) / 100;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period) || a.firstName.localeCompare(b.firstName, 'nl'));
}

const ATTENDED: Record<string, string> = { true: 'ja', false: 'nee', null: '' };

/**
 * Sign-ups per shift. Keys (JSON) and headers (CSV, XLSX):
 * `begin_lokaal` Begin, `begin` Begin (UTC), `eind_lokaal` Eind, `eind` Eind (UTC), `dienst` Dienst,
 * `dienst_en` / `dienst_ar` Dienst in het Engels / Arabisch (empty without a translation), `voornaam` Voornaam, `contact` Contact, `status` Status (Komt, Op de wachtlijst, Plek
 * aangeboden, Afgemeld, Verlopen), `aanwezig` Was er (ja/nee/leeg), `uren` Uren,
 * `aangemeld_lokaal` Aangemeld op, `aangemeld` Aangemeld op (UTC), `id` Kenmerk,
 * `afgehandeld_op_lokaal` Afgehandeld op, `afgehandeld_op` Afgehandeld op (UTC),
 * `afgehandeld_door` Afgehandeld door.
 */
export function signupExportColumns(timeZone: string, titleOf: (shiftId: string) => LocalizedText): ExportColumn<ShiftSignupRecord>[] {
  const moment = (key: string, header: string, get: (s: ShiftSignupRecord) => string | null) => momentColumns(key, header, get, timeZone);
  return [
    ...moment('begin', 'Begin', (s) => s.startAt),
    ...moment('eind', 'Eind', (s) => s.endAt),
    { key: 'dienst', header: 'Dienst', value: (s) => dutchText(titleOf(s.shiftId)), width: 30 },
    { key: 'dienst_en', header: 'Dienst in het Engels', value: (s) => translationsOf(titleOf(s.shiftId)).en ?? null, width: 30 },
    { key: 'dienst_ar', header: 'Dienst in het Arabisch', value: (s) => translationsOf(titleOf(s.shiftId)).ar ?? null, width: 30 },
    { key: 'voornaam', header: 'Voornaam', value: (s) => s.firstName, width: 16 },
    { key: 'contact', header: 'Contact', value: (s) => s.contact, width: 26 },
    { key: 'status', header: 'Status', value: (s) => signupStatusWord(s.status), width: 16 },
    { key: 'aanwezig', header: 'Was er', value: (s) => ATTENDED[String(s.attended)] },
    { key: 'uren', header: 'Uren', value: (s) => (served(s) ? hoursOf(s) : 0) },
    ...moment('aangemeld', 'Aangemeld op', (s) => s.createdAt),
    { key: 'id', header: 'Kenmerk', value: (s) => s.id, width: 38 },
    ...moment('afgehandeld_op', 'Afgehandeld op', (s) => s.handledAt),
    { key: 'afgehandeld_door', header: 'Afgehandeld door', value: (s) => s.handledBy },
  ];
}

export const signupCsvColumns = (timeZone: string, titleOf: (shiftId: string) => LocalizedText) =>
  toCsvColumns(signupExportColumns(timeZone, titleOf));
export const signupXlsxColumns = (timeZone: string, titleOf: (shiftId: string) => LocalizedText) =>
  toXlsxColumns(signupExportColumns(timeZone, titleOf));

/** Hours per volunteer: `periode` Periode, `voornaam` Voornaam, `contact` Contact, `diensten` Diensten, `uren` Uren. */
export const HOURS_EXPORT_COLUMNS: ExportColumn<HoursRow>[] = [
  { key: 'periode', header: 'Periode', value: (r) => r.period },
  { key: 'voornaam', header: 'Voornaam', value: (r) => r.firstName, width: 16 },
  { key: 'contact', header: 'Contact', value: (r) => r.contact, width: 26 },
  { key: 'diensten', header: 'Diensten', value: (r) => r.shifts },
  { key: 'uren', header: 'Uren', value: (r) => r.hours },
];
export const HOURS_COLUMNS: CsvColumn<HoursRow>[] & XlsxColumn<HoursRow>[] = toXlsxColumns(HOURS_EXPORT_COLUMNS) as CsvColumn<HoursRow>[] &
  XlsxColumn<HoursRow>[];

/** A general "ik wil vrijwilliger worden" sign-up as the export reads it. */
export interface ApplicationRow {
  record: ApplicationRecord;
  data: Partial<VolunteerApplicationPayload>;
}

export const applicationRow = (record: ApplicationRecord): ApplicationRow => ({
  record,
  data: (record.data ?? {}) as Partial<VolunteerApplicationPayload>,
});

const DAY_WORDS: Record<string, string> = {
  ma: 'maandag',
  di: 'dinsdag',
  wo: 'woensdag',
  do: 'donderdag',
  vr: 'vrijdag',
  za: 'zaterdag',
  zo: 'zondag',
};
/** `ma-ochtend` → "maandag ochtend". */
const slotWords = (slots: readonly string[] | undefined) =>
  (slots ?? [])
    .map((slot) => {
      const [day, part] = slot.split('-');
      return `${DAY_WORDS[day!] ?? day} ${part ?? ''}`.trim();
    })
    .join(', ');

/**
 * General volunteer sign-ups. Keys (JSON) and headers (CSV, XLSX): `id` Kenmerk,
 * `ontvangen_op_lokaal` Ontvangen op, `ontvangen_op` Ontvangen op (UTC), `voornaam` Voornaam,
 * `contact` Contact, `taken` Wat lijkt je leuk, `wanneer` Wanneer kan je, `goed_in` Waar ben je
 * goed in, `waarom` Waarom meedoen, `nodig` Wat heb je nodig, `liever_niet_in_eigen_buurt` Liever
 * niet in eigen buurt, `vanaf` Vanaf, `tot` Tot, `taal` Taal, `toestemming_versie`
 * Versie toestemmingstekst, `afgehandeld_op_lokaal` Afgehandeld op, `afgehandeld_op` Afgehandeld op
 * (UTC), `afgehandeld_door` Afgehandeld door.
 */
export function applicationExportColumns(timeZone: string): ExportColumn<ApplicationRow>[] {
  return [
    { key: 'id', header: 'Kenmerk', value: (a) => a.record.id, width: 38 },
    ...momentColumns<ApplicationRow>('ontvangen_op', 'Ontvangen op', (a) => a.record.receivedAt, timeZone),
    { key: 'voornaam', header: 'Voornaam', value: (a) => a.data.firstName ?? null, width: 16 },
    { key: 'contact', header: 'Contact', value: (a) => a.data.contact ?? null, width: 26 },
    { key: 'taken', header: 'Wat lijkt je leuk', value: (a) => (a.data.roles ?? []).join(', '), width: 30 },
    { key: 'wanneer', header: 'Wanneer kan je', value: (a) => slotWords(a.data.availability), width: 30 },
    { key: 'goed_in', header: 'Waar ben je goed in', value: (a) => a.data.skills ?? null, width: 30 },
    {
      key: 'waarom',
      header: 'Waarom meedoen',
      value: (a) => (a.data.motivation ?? []).map((m) => motivationWord(m)).join(', '),
      width: 30,
    },
    { key: 'nodig', header: 'Wat heb je nodig', value: (a) => a.data.needs ?? null, width: 30 },
    { key: 'liever_niet_in_eigen_buurt', header: 'Liever niet in eigen buurt', value: (a) => a.data.preferOutsideNeighbourhood ?? false },
    { key: 'vanaf', header: 'Vanaf', value: (a) => parseLocalTime(a.data.startDate) },
    { key: 'tot', header: 'Tot', value: (a) => parseLocalTime(a.data.endDate) },
    { key: 'taal', header: 'Taal', value: (a) => languageWord(a.record.locale) },
    { key: 'toestemming_versie', header: 'Versie toestemmingstekst', value: (a) => a.record.consent?.textVersion ?? null },
    ...momentColumns<ApplicationRow>('afgehandeld_op', 'Afgehandeld op', (a) => a.record.handledAt, timeZone),
    { key: 'afgehandeld_door', header: 'Afgehandeld door', value: (a) => a.record.handledBy },
  ];
}

/** An application as a JSON record: the columns' keys, with the data's own values (codes, arrays). */
export function applicationRecord(a: ApplicationRow, timeZone: string): Record<string, unknown> {
  const local = (iso: string | null) => (iso ? formatLocalDateTime(iso, timeZone) : null);
  return {
    id: a.record.id,
    ontvangen_op_lokaal: local(a.record.receivedAt),
    ontvangen_op: a.record.receivedAt,
    voornaam: a.data.firstName ?? null,
    contact: a.data.contact ?? null,
    taken: a.data.roles ?? [],
    wanneer: a.data.availability ?? [],
    goed_in: a.data.skills ?? null,
    waarom: a.data.motivation ?? [],
    nodig: a.data.needs ?? null,
    liever_niet_in_eigen_buurt: a.data.preferOutsideNeighbourhood ?? false,
    vanaf: a.data.startDate ?? null,
    tot: a.data.endDate ?? null,
    taal: a.record.locale,
    toestemming_versie: a.record.consent?.textVersion ?? null,
    afgehandeld_op_lokaal: local(a.record.handledAt),
    afgehandeld_op: a.record.handledAt,
    afgehandeld_door: a.record.handledBy,
  };
}
