/**
 * RFC 5545 RRULE text ⇄ a structured rule. Supports what neighbourhood calendars use:
 * FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (with ordinals),
 * BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Anything else is refused with a reason, so an
 * importer can warn instead of silently showing wrong dates.
 */
import { RRULE_MAX } from './constants.js';
import { atTime, isValidDate, isValidTime, type LocalDate, type LocalDateTime, type Weekday } from './wall-clock.js';

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Index + 1 is the ISO weekday. */
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

export interface WeekdayRule {
  readonly weekday: Weekday;
  /** `1` first, `-1` last … within the month (or the year for YEARLY without BYMONTH). */
  readonly ordinal?: number;
}

/** UNTIL is a date, a floating date-time, or a UTC date-time (RFC 5545 §3.3.10). */
export type RuleUntil =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'local'; readonly dateTime: LocalDateTime }
  | { readonly kind: 'utc'; readonly dateTime: LocalDateTime };

export interface RecurrenceRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly count?: number;
  readonly until?: RuleUntil;
  readonly byDay?: readonly WeekdayRule[];
  readonly byMonthDay?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
  readonly wkst: Weekday;
}

export type ParseRuleResult = { ok: true; rule: RecurrenceRule } | { ok: false; error: string };

/** Bounds that keep a hostile rule cheap; none of them limits a real calendar. */
const MAX_INTERVAL = 10_000;
const MAX_COUNT = 100_000;
const MAX_LIST = 400;

const UNSUPPORTED = new Set(['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYYEARDAY', 'BYWEEKNO', 'RSCALE', 'SKIP']);

function intList(value: string, min: number, max: number, allowNegative: boolean): number[] | undefined {
  const parts = listOf(value);
  if (parts.length > MAX_LIST) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^[+-]?\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    const abs = Math.abs(n);
    if (n === 0 || abs < min || abs > max || (n < 0 && !allowNegative)) return undefined;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * The entries of a comma list. Forgiving the way other readers are: Microsoft CDO writes
 * `BYDAY=MO, TU, WE` (spaces) and some exporters leave a trailing or doubled comma.
 */
function listOf(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function weekdayOf(code: string): Weekday | undefined {
  const i = WEEKDAY_CODES.indexOf(code as WeekdayCode);
  return i < 0 ? undefined : ((i + 1) as Weekday);
}

/** Parses `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`. */
export function parseUntil(value: string): RuleUntil | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidDate(date.year, date.month, date.day)) return undefined;
  if (m[4] === undefined) return { kind: 'date', date };
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (!isValidTime(h, mi, s)) return undefined;
  const dateTime = atTime(date, h, mi, Math.min(s, 59));
  return m[7] ? { kind: 'utc', dateTime } : { kind: 'local', dateTime };
}

/** Reads an RRULE value (with or without the `RRULE:` prefix). Never throws. */
export function parseRRule(text: string): ParseRuleResult {
  if (typeof text !== 'string') return { ok: false, error: 'RRULE must be text' };
  const source = text.trim().replace(/^RRULE:/i, '');
  if (source.length === 0) return { ok: false, error: 'RRULE is empty' };
  if (source.length > RRULE_MAX) return { ok: false, error: `RRULE is longer than ${RRULE_MAX} characters` };

  const seen = new Set<string>();
  let freq: Frequency | undefined;
  let interval = 1;
  let count: number | undefined;
  let until: RuleUntil | undefined;
  let byDay: WeekdayRule[] | undefined;
  let byMonthDay: number[] | undefined;
  let byMonth: number[] | undefined;
  let bySetPos: number[] | undefined;
  let wkst: Weekday = 1;

  for (const part of source.split(';')) {
    if (part === '') continue; // a trailing ";" is common and harmless
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, error: `Malformed part "${part}"` };
    const key = part.slice(0, eq).trim().toUpperCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (seen.has(key)) return { ok: false, error: `${key} appears twice` };
    seen.add(key);
    if (key.startsWith('X-')) continue;
    if (UNSUPPORTED.has(key)) return { ok: false, error: `${key} is not supported` };
    switch (key) {
      case 'FREQ':
        if (!(FREQUENCIES as readonly string[]).includes(value)) {
          return { ok: false, error: `FREQ=${value} is not supported` };
        }
        freq = value as Frequency;
        break;
      case 'INTERVAL':
        if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_INTERVAL) {
          return { ok: false, error: `INTERVAL must be 1–${MAX_INTERVAL}` };
        }
        interval = Number(value);
        break;
      case 'COUNT':
        if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > MAX_COUNT) {
          return { ok: false, error: `COUNT must be 1–${MAX_COUNT}` };
        }
        count = Number(value);
        break;
      case 'UNTIL':
        until = parseUntil(value);
        if (!until) return { ok: false, error: `UNTIL=${value} is not a date or date-time` };
        break;
      case 'BYDAY': {
        const parts = listOf(value);
        if (parts.length > MAX_LIST) return { ok: false, error: 'BYDAY has too many entries' };
        byDay = [];
        for (const item of parts) {
          // `+1 MO` and `1MO` mean the same; some writers put a space after the ordinal.
          const m = /^([+-]?\d{1,2})?\s*(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
          const ordinal = m?.[1] === undefined ? undefined : Number(m[1]);
          if (!m || ordinal === 0 || (ordinal !== undefined && Math.abs(ordinal) > 53)) {
            return { ok: false, error: `BYDAY value "${item}" is invalid` };
          }
          const weekday = weekdayOf(m[2]!)!;
          if (!byDay.some((d) => d.weekday === weekday && d.ordinal === ordinal)) {
            byDay.push(ordinal === undefined ? { weekday } : { weekday, ordinal });
          }
        }
        break;
      }
      case 'BYMONTHDAY':
        byMonthDay = intList(value, 1, 31, true);
        if (!byMonthDay) return { ok: false, error: 'BYMONTHDAY must list ±1–31' };
        break;
      case 'BYMONTH':
        byMonth = intList(value, 1, 12, false);
        if (!byMonth) return { ok: false, error: 'BYMONTH must list 1–12' };
        break;
      case 'BYSETPOS':
        bySetPos = intList(value, 1, 366, true);
        if (!bySetPos) return { ok: false, error: 'BYSETPOS must list ±1–366' };
        break;
      case 'WKST': {
        const w = weekdayOf(value);
        if (!w) return { ok: false, error: `WKST=${value} is not a weekday` };
        wkst = w;
        break;
      }
      default:
        return { ok: false, error: `Unknown part ${key}` };
    }
  }
  if (!freq) return { ok: false, error: 'FREQ is missing' };
  if (bySetPos && !byDay && !byMonthDay && !byMonth) {
    return { ok: false, error: 'BYSETPOS needs another BYxxx part' };
  }
  const rule: RecurrenceRule = {
    freq,
    interval,
    wkst,
    ...(count !== undefined && { count }),
    ...(until && { until }),
    ...(byDay && { byDay }),
    ...(byMonthDay && { byMonthDay }),
    ...(byMonth && { byMonth }),
    ...(bySetPos && { bySetPos }),
  };
  return { ok: true, rule };
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatUntil(until: RuleUntil): string {
  if (until.kind === 'date') {
    const d = until.date;
    return `${String(d.year).padStart(4, '0')}${p2(d.month)}${p2(d.day)}`;
  }
  const t = until.dateTime;
  const text = `${String(t.year).padStart(4, '0')}${p2(t.month)}${p2(t.day)}T${p2(t.hour)}${p2(t.minute)}${p2(t.second)}`;
  return until.kind === 'utc' ? `${text}Z` : text;
}

/** Canonical RRULE text (no `RRULE:` prefix), in the part order most calendar software writes. */
export function formatRRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${formatUntil(rule.until)}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay) {
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${WEEKDAY_CODES[d.weekday - 1]}`).join(',')}`);
  }
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.wkst !== 1) parts.push(`WKST=${WEEKDAY_CODES[rule.wkst - 1]}`);
  return parts.join(';');
}
