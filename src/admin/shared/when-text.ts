/** "Elke week op dinsdag, 10.00 tot 12.00 uur, vanaf 3 maart 2026": a repeating item in words. */
import type { LocalizeController } from '../../core/localize.js';
import { parseLocalDate, weekday } from '../../calendar/wall-clock.js';
import { nthWeekday, readRepeat, WEEKDAY_CODES } from '../calendar/calendar-draft.js';
import type { AdminStrings } from './strings.js';

/** The weekday of an RRULE code (`MO` …) in the page's language. */
export function dayName(lang: string, code: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + WEEKDAY_CODES.indexOf(code as never))),
  );
}

/**
 * What the forms can make, in words: once, weekly on days, every other week, monthly by weekday
 * (else "its own rule"); with the times and, when it repeats, since when.
 *
 * @param item Wall-clock `start` (and `end`) as the schema stores them.
 * @param formatDay A `YYYY-MM-DD` in the page's language.
 */
export function whenText(
  l: LocalizeController<AdminStrings>,
  item: { start: string; end?: string | undefined; allDay?: boolean; rrule?: string | undefined },
  formatDay: (date: string) => string,
): string {
  const date = parseLocalDate(item.start.slice(0, 10));
  if (!date) return item.start;
  const own = WEEKDAY_CODES[weekday(date) - 1]!;
  const { repeat, weekdays } = readRepeat(item.rrule);
  const days = new Intl.ListFormat(l.lang, { type: 'conjunction' }).format(
    WEEKDAY_CODES.filter((c) => c === own || weekdays.includes(c)).map((c) => dayName(l.lang, c)),
  );
  const on = formatDay(item.start.slice(0, 10));
  const pattern =
    repeat === 'none'
      ? l.t('when.once', { date: on })
      : repeat === 'weekly'
        ? l.t('when.weekly', { days })
        : repeat === 'biweekly'
          ? l.t('when.biweekly', { day: dayName(l.lang, own) })
          : repeat === 'monthly'
            ? l.t('when.monthly', { nth: l.t(`nth.${nthWeekday(date)}` as keyof AdminStrings), day: dayName(l.lang, own) })
            : l.t('when.custom');
  const clock = (v: string) => v.slice(11, 16).replace(':', '.');
  const time = item.allDay ? '' : item.end ? l.t('timeRange', { start: clock(item.start), end: clock(item.end) }) : clock(item.start);
  return [pattern, time, repeat === 'none' ? '' : l.t('since', { date: on })].filter(Boolean).join(', ');
}
