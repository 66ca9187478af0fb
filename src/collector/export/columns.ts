/**
 * One column list per export, read by every format: a stable `key` (the field name in JSON and
 * NDJSON, and what scripts should match on), a Dutch `header` a coordinator reads in CSV and XLSX,
 * and a typed value. CSV and XLSX are made from the same list, so they have the same columns in the
 * same order with the same meaning; only the cell encoding differs:
 *
 * | value          | CSV                                | XLSX                                  |
 * |----------------|------------------------------------|---------------------------------------|
 * | `LocalTime`    | `yyyy-mm-dd hh:mm` (site zone)     | a date cell, shown `yyyy-mm-dd hh:mm` |
 * | `LocalTime` day| `yyyy-mm-dd`                       | a date cell, shown `yyyy-mm-dd`       |
 * | boolean        | `ja` / `nee`                       | `ja` / `nee`                          |
 * | number         | the number                         | a number cell                         |
 * | string         | the text, formula-neutralised      | the text as it is (never a formula)   |
 *
 * Every moment has two columns: the local time (key `…_lokaal`, header "…") and the instant in UTC
 * as ISO 8601 text (key without suffix, header "… (UTC)"), as in the JSON records.
 */
import type { CsvColumn } from './csv.js';
import { localDateTimeMs } from './local-time.js';
import { XlsxDate, type XlsxColumn } from './xlsx.js';

/** A wall-clock time in the site's zone, as milliseconds read as UTC; `day` for a date alone. */
export class LocalTime {
  constructor(
    readonly ms: number,
    readonly day = false,
  ) {}
}

export type ExportCell = string | number | boolean | LocalTime | null | undefined;

export interface ExportColumn<T> {
  /** Stable name: the JSON field, unchanged when the Dutch header is reworded. */
  key: string;
  /** What a coordinator reads at the top of the column. */
  header: string;
  value(row: T): ExportCell;
  /** Width in characters in XLSX. */
  width?: number;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The last text made for a minute and for a day: an export's rows come in time order. */
const last = { minute: NaN, minuteText: '', day: NaN, dayText: '' };

/** `yyyy-mm-dd hh:mm`, or `yyyy-mm-dd` for a day. */
export function localTimeText(t: LocalTime): string {
  // Rows in time order share their minute with the row before (a busy site's ideas, a seeded
  // import): the text is made once for them, not per row.
  if (t.day) {
    const day = Math.floor(t.ms / 86_400_000);
    if (day !== last.day) [last.day, last.dayText] = [day, dayText(new Date(t.ms))];
    return last.dayText;
  }
  const minute = Math.floor(t.ms / 60_000);
  if (minute !== last.minute) {
    const d = new Date(t.ms);
    [last.minute, last.minuteText] = [minute, `${dayText(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`];
  }
  return last.minuteText;
}

const dayText = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The local time of an instant in the zone; null when there is none. */
export function localTime(iso: string | null | undefined, timeZone: string): LocalTime | null {
  const ms = localDateTimeMs(iso ?? null, timeZone);
  return ms === null ? null : new LocalTime(ms);
}

/** A local `YYYY-MM-DD` or `YYYY-MM-DD HH:mm` (as the calendar's rows hold them) as a `LocalTime`. */
export function parseLocalTime(text: string | null | undefined): LocalTime | null {
  const m = text ? /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d))?/.exec(text) : null;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return new LocalTime(ms, m[4] === undefined);
}

/** The two columns of a moment: local time (`<key>_lokaal`) first, then UTC (`<key>`). */
export function momentColumns<T>(
  key: string,
  header: string,
  get: (row: T) => string | null | undefined,
  timeZone: string,
): ExportColumn<T>[] {
  return [
    { key: `${key}_lokaal`, header, value: (row) => localTime(get(row), timeZone), width: 17 },
    { key, header: `${header} (UTC)`, value: (row) => get(row) ?? null, width: 25 },
  ];
}

function csvCell(value: ExportCell): string | number | null | undefined {
  if (value instanceof LocalTime) return localTimeText(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  return value;
}

export function toCsvColumns<T>(columns: readonly ExportColumn<T>[]): CsvColumn<T>[] {
  return columns.map((c) => ({ header: c.header, value: (row: T) => csvCell(c.value(row)) }));
}

export function toXlsxColumns<T>(columns: readonly ExportColumn<T>[]): XlsxColumn<T>[] {
  return columns.map((c) => {
    const column: XlsxColumn<T> = {
      header: c.header,
      value: (row: T) => {
        const v = c.value(row);
        return v instanceof LocalTime ? XlsxDate.fromLocalMs(v.ms, v.day) : v;
      },
    };
    if (c.width) column.width = c.width;
    return column;
  });
}

/** Key → header, for the documentation and the tests. */
export const headersByKey = <T>(columns: readonly ExportColumn<T>[]) => Object.fromEntries(columns.map((c) => [c.key, c.header]));
