/** Dates, times and money through `Intl`, in the site's time zone and the widget's language. */
import type { Cost } from '../../schema/activity.js';
import type { LocalDate, Weekday } from '../../calendar/wall-clock.js';

export class Formats {
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  private readonly dutch: boolean;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
  ) {
    this.dutch = locale.toLowerCase().startsWith('nl');
  }

  /**
   * A date, as a `Date` at noon UTC formatted in UTC: no zone can move it to another day. Each
   * formatter is made once, when first needed (the period views' own: `month-grid.ts`).
   */
  date(d: LocalDate, options: Intl.DateTimeFormatOptions): string {
    const key = JSON.stringify(options);
    let f = this.formats.get(key);
    if (!f) this.formats.set(key, (f = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', ...options })));
    return f.format(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
  }

  /** `10.00` in Dutch (the Dutch way of writing times), `10:00 AM` in English; in the site's zone. */
  time(instant: number): string {
    const { dutch, timeZone } = this;
    this.timeFmt ??= new Intl.DateTimeFormat(this.locale, { hour: dutch ? '2-digit' : 'numeric', minute: '2-digit', timeZone, ...(dutch && { hourCycle: 'h23' }) });
    const text = this.timeFmt.format(instant);
    return dutch ? text.replace(':', '.') : text;
  }
  private timeFmt: Intl.DateTimeFormat | undefined;

  /** `maandag 3 maart` */
  day(date: LocalDate): string {
    return this.date(date, { weekday: 'long', day: 'numeric', month: 'long' });
  }

  /** `€ 3` for whole euros, `€ 2,50` otherwise. */
  money(cents: number): string {
    const digits = cents % 100 === 0 ? 0 : 2;
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100);
  }
}

/** The cost line: "Gratis", "Kosten: € 5", "Eigen bijdrage € 3". */
export function costText(cost: Cost | undefined, fmt: Formats, t: (key: 'free' | 'price' | 'contribution', p?: Record<string, unknown>) => string): string | undefined {
  if (!cost) return undefined;
  if (cost.kind === 'free') return t('free');
  return t(cost.kind === 'amount' ? 'price' : 'contribution', { amount: fmt.money(cost.amount) });
}
