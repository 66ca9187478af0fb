/**
 * Volunteer exports (issue 6): every sign-up of a period, and the hours per volunteer per month
 * or year (VOL-06, for a thank-you and the annual report). A person is recognised by their
 * normalised contact detail, so "06-1234 5678" and "+31 6 12345678" count as one.
 */
import type { VolunteerSignupRecord } from '../store/types.js';
import { normaliseContact } from '../privacy/contact.js';
import type { CsvColumn } from './csv.js';
import { formatLocalDateTime, localDateTimeMs } from './ideas.js';
import { XlsxDate, type XlsxColumn } from './xlsx.js';

export type HoursPeriod = 'month' | 'year';

export interface HoursRow {
  period: string;
  firstName: string;
  contact: string;
  shifts: number;
  hours: number;
}

/** A sign-up counts as served when it was confirmed and not marked absent. */
export const served = (s: VolunteerSignupRecord) => s.status === 'confirmed' && s.attended !== false;

const hoursOf = (s: VolunteerSignupRecord) => (Date.parse(s.endAt) - Date.parse(s.startAt)) / 3_600_000;

/** Hours per volunteer per period, periods in order, then by name. */
export function hoursPerVolunteer(signups: readonly VolunteerSignupRecord[], period: HoursPeriod, timeZone: string): HoursRow[] {
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

export function signupCsvColumns(timeZone: string, titleOf: (shiftId: string) => string): CsvColumn<VolunteerSignupRecord>[] {
  return [
    { header: 'begin', value: (s) => formatLocalDateTime(s.startAt, timeZone) },
    { header: 'eind', value: (s) => formatLocalDateTime(s.endAt, timeZone) },
    { header: 'dienst', value: (s) => titleOf(s.shiftId) },
    { header: 'voornaam', value: (s) => s.firstName },
    { header: 'contact', value: (s) => s.contact },
    { header: 'status', value: (s) => s.status },
    { header: 'aanwezig', value: (s) => ATTENDED[String(s.attended)] },
    { header: 'uren', value: (s) => (served(s) ? hoursOf(s) : 0) },
    { header: 'aangemeld', value: (s) => formatLocalDateTime(s.createdAt, timeZone) },
    { header: 'id', value: (s) => s.id },
    { header: 'afgehandeld_op', value: (s) => formatLocalDateTime(s.handledAt, timeZone) },
    { header: 'afgehandeld_door', value: (s) => s.handledBy },
  ];
}

export function signupXlsxColumns(timeZone: string, titleOf: (shiftId: string) => string): XlsxColumn<VolunteerSignupRecord>[] {
  const date = (iso: string) => {
    const ms = localDateTimeMs(iso, timeZone);
    return ms === null ? null : XlsxDate.fromLocalMs(ms);
  };
  return signupCsvColumns(timeZone, titleOf).map((c) =>
    c.header === 'begin' || c.header === 'eind' || c.header === 'aangemeld'
      ? { header: c.header, value: (s: VolunteerSignupRecord) => date(c.header === 'begin' ? s.startAt : c.header === 'eind' ? s.endAt : s.createdAt), width: 17 }
      : { header: c.header, value: (s: VolunteerSignupRecord) => c.value(s) },
  );
}

export const HOURS_COLUMNS: CsvColumn<HoursRow>[] & XlsxColumn<HoursRow>[] = [
  { header: 'periode', value: (r) => r.period },
  { header: 'voornaam', value: (r) => r.firstName },
  { header: 'contact', value: (r) => r.contact },
  { header: 'diensten', value: (r) => r.shifts },
  { header: 'uren', value: (r) => r.hours },
];
