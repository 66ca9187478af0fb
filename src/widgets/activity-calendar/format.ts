/** Dates, times and money through `Intl`, in the site's time zone and the widget's language. */
import type { Cost } from '../../schema/activity.js';
import type { LocalDate, Weekday } from '../../calendar/wall-clock.js';

/** A calendar date as a `Date` at noon UTC, formatted in UTC: no zone can move it to another day. */
const noonUtc = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day, 12));

export class Formats {
  private readonly timeFmt: Intl.DateTimeFormat;
  private readonly dayFmt: Intl.DateTimeFormat;
  private readonly shortDayFmt: Intl.DateTimeFormat;
  private readonly monthFmt: Intl.DateTimeFormat;
  private readonly weekdayFmt: Intl.DateTimeFormat;
  private readonly weekdayLongFmt: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
  ) {
    const dutch = locale.toLowerCase().startsWith('nl');
    this.timeFmt = new Intl.DateTimeFormat(locale, { hour: dutch ? '2-digit' : 'numeric', minute: '2-digit', timeZone, ...(dutch ? { hourCycle: 'h23' } : {}) });
    this.dayFmt = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    this.shortDayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    this.monthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.weekdayFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    this.weekdayLongFmt = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  }

  /** `10.00` in Dutch (the Dutch way of writing times), `10:00 AM` in English. */
  time(instant: number): string {
    const text = this.timeFmt.format(instant);
    return this.locale.toLowerCase().startsWith('nl') ? text.replace(':', '.') : text;
  }

  /** `maandag 3 maart` */
  day(date: LocalDate): string {
    return this.dayFmt.format(noonUtc(date));
  }

  /** `3 maart` */
  shortDay(date: LocalDate): string {
    return this.shortDayFmt.format(noonUtc(date));
  }

  /** `maart 2026` */
  month(year: number, month: number): string {
    return this.monthFmt.format(noonUtc({ year, month, day: 1 }));
  }

  /** `ma` / `maandag` for a weekday (1 = Monday). 2024-01-01 was a Monday. */
  weekday(wd: Weekday, long = false): string {
    return (long ? this.weekdayLongFmt : this.weekdayFmt).format(noonUtc({ year: 2024, month: 1, day: wd }));
  }

  /** `€ 3` for whole euros, `€ 2,50` otherwise. */
  money(cents: number): string {
    const whole = cents % 100 === 0;
    return new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(cents / 100);
  }
}

/** The cost line: "Gratis", "Kosten: € 5", "Eigen bijdrage € 3". */
export function costText(cost: Cost | undefined, fmt: Formats, t: (key: 'free' | 'price' | 'contribution', p?: Record<string, unknown>) => string): string | undefined {
  if (!cost) return undefined;
  if (cost.kind === 'free') return t('free');
  return t(cost.kind === 'amount' ? 'price' : 'contribution', { amount: fmt.money(cost.amount) });
}
