/**
 * Dates, times and money for visitors, one formatter per language and time zone shared by every
 * widget, so a time reads the same in the calendar, the shift list and the host of the day:
 * Dutch `9.45` and `9.45–12.15 uur`, English in British style (`9:45`, `Sunday 7 December`; a
 * Dutch site's English is not American), Arabic with the Arabic comma (`الأحد 7 ديسمبر، 9:45 ص`).
 */
import type { LocalDate } from '../calendar/wall-clock.js';

/** The `Intl` locale for a widget language: bare `en` means British English. */
export function intlLocale(lang: string): string {
  return /^en$/i.test(lang) ? 'en-GB' : lang;
}

export class Formats {
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  /** Whole euros and euros with cents: an `Intl` formatter costs milliseconds to make on a slow phone. */
  private readonly moneyFormats: Intl.NumberFormat[] = [];
  private readonly dutch: boolean;
  /** The comma between a day and a time: Arabic writes `،`. */
  readonly comma: string;

  constructor(
    readonly locale: string,
    readonly timeZone: string | undefined,
  ) {
    this.dutch = /^nl\b/i.test(locale);
    this.comma = /^(ar|fa|ur)\b/i.test(locale) ? '، ' : ', ';
  }

  private formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = JSON.stringify(options);
    let f = this.formats.get(key);
    if (!f) this.formats.set(key, (f = new Intl.DateTimeFormat(intlLocale(this.locale), options)));
    return f;
  }

  /**
   * A calendar date, as a `Date` at noon UTC formatted in UTC: no zone can move it to another
   * day. Each formatter is made once, when first needed.
   */
  date(d: LocalDate, options: Intl.DateTimeFormatOptions): string {
    return this.formatter({ timeZone: 'UTC', ...options }).format(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
  }

  /** An instant's date in the site's zone, e.g. `options = {dateStyle: 'long'}`. */
  dateOf(instant: number, options: Intl.DateTimeFormatOptions): string {
    return this.formatter({ timeZone: this.timeZone, ...options }).format(instant);
  }

  /** `9.45` in Dutch (the Dutch way of writing times), `9:45` in English; in the site's zone. */
  time(instant: number): string {
    const text = this.formatter({
      hour: 'numeric',
      minute: '2-digit',
      timeZone: this.timeZone,
      ...(this.dutch && { hourCycle: 'h23' }),
    }).format(instant);
    return this.dutch ? text.replace(':', '.') : text;
  }

  /** `9.45–12.15 uur`, `9:45–12:15`, `9:45 ص – 12:15 م` (spaced where a time has a word). */
  timeRange(start: number, end: number): string {
    const [a, b] = [this.time(start), this.time(end)];
    if (this.dutch) return `${a}–${b} uur`;
    return /\s/.test(a) ? `${a} – ${b}` : `${a}–${b}`;
  }

  /** `maandag 3 maart` */
  day(date: LocalDate): string {
    return this.date(date, { weekday: 'long', day: 'numeric', month: 'long' });
  }

  /** The day of an instant in the site's zone: `maandag 3 maart`. */
  dayOf(instant: number): string {
    return this.dateOf(instant, { weekday: 'long', day: 'numeric', month: 'long' });
  }

  /** A day and a time (or range) with the language's comma: `maandag 3 maart, 9.45 uur`. */
  join(day: string, time: string): string {
    return time ? `${day}${this.comma}${time}` : day;
  }

  /** Words of a list, with the language's comma: `rolstoeltoegankelijk, ringleiding`. */
  list(items: readonly string[]): string {
    return items.join(this.comma);
  }

  /** `€ 3` for whole euros, `€ 2,50` otherwise. */
  money(cents: number): string {
    const digits = cents % 100 === 0 ? 0 : 2;
    this.moneyFormats[digits] ??= new Intl.NumberFormat(intlLocale(this.locale), {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return this.moneyFormats[digits].format(cents / 100);
  }
}

const shared = new Map<string, Formats>();

/** The page's one formatter for a language and time zone. */
export function formatsFor(locale: string, timeZone: string | undefined): Formats {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = shared.get(key);
  if (!f) shared.set(key, (f = new Formats(locale, timeZone)));
  return f;
}
