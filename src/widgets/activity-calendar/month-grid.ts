/**
 * Month grid logic for `<activity-calendar>`: which weekday a week starts on, the weeks of a month,
 * where a key press moves the focused day, and the period views' names of days and months. Pure
 * (no DOM), after lion's `createMonth` utils;
 * part of the period views' chunk.
 */
import { addDays, addMonths, daysInMonth, startOfWeek, weekday, type LocalDate, type Weekday } from '../../calendar/wall-clock.js';
import type { Formats } from './format.js';

/** `3 maart` */
export const shortDay = (fmt: Formats, date: LocalDate) => fmt.date(date, { day: 'numeric', month: 'long' });

/** `maart 2026` */
export const monthTitle = (fmt: Formats, year: number, month: number) =>
  fmt.date({ year, month, day: 1 }, { month: 'long', year: 'numeric' });

/** `ma` / `maandag` for a weekday (1 = Monday). 2024-01-01 was a Monday. */
export const weekdayName = (fmt: Formats, wd: Weekday, long = false) =>
  fmt.date({ year: 2024, month: 1, day: wd }, { weekday: long ? 'long' : 'short' });

/** The centres are in the Netherlands: a language without a region gets the Dutch week. */
export const DEFAULT_REGION = 'NL';

interface WeekInfo {
  firstDay?: number;
}
type LocaleWithWeekInfo = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/**
 * First day of the week (1 = Monday … 7 = Sunday) for a language tag, from `Intl.Locale` week
 * info. A tag without a region is read with `region` (default NL), so `ar` and `en` on a Dutch
 * centre's page also start on Monday, while `en-US` starts on Sunday. Monday when unknown.
 */
export function weekStartOf(lang: string, region = DEFAULT_REGION): Weekday {
  try {
    let locale = new Intl.Locale(lang) as LocaleWithWeekInfo;
    if (!locale.region) locale = new Intl.Locale(lang, { region }) as LocaleWithWeekInfo;
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    const first = info?.firstDay;
    if (first && first >= 1 && first <= 7) return first as Weekday;
  } catch {
    /* an invalid tag: the default */
  }
  return 1;
}

/** The seven weekdays in display order. */
export function weekdayOrder(weekStart: Weekday): Weekday[] {
  return Array.from({ length: 7 }, (_, i) => (((weekStart - 1 + i) % 7) + 1) as Weekday);
}

/** Full weeks (4–6) that cover a month, each seven dates, starting on `weekStart`. */
export function monthWeeks(year: number, month: number, weekStart: Weekday = 1): LocalDate[][] {
  const first: LocalDate = { year, month, day: 1 };
  const last: LocalDate = { year, month, day: daysInMonth(year, month) };
  const weeks: LocalDate[][] = [];
  for (let day = startOfWeek(first, weekStart); compare(day, last) <= 0; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}

const compare = (a: LocalDate, b: LocalDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * The day a key moves the focus to in the grid (ARIA grid pattern), or undefined for other keys.
 * Arrow keys move by a day or a week (left and right swap in right-to-left), Home/End go to the
 * start or end of the week, PageUp/PageDown by a month (with Shift by a year), clamped to the
 * last day of a shorter month.
 */
export function moveDay(
  date: LocalDate,
  key: string,
  { weekStart = 1 as Weekday, rtl = false, shift = false } = {},
): LocalDate | undefined {
  switch (key) {
    case 'ArrowRight':
      return addDays(date, rtl ? -1 : 1);
    case 'ArrowLeft':
      return addDays(date, rtl ? 1 : -1);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'Home':
      return startOfWeek(date, weekStart);
    case 'End':
      return addDays(startOfWeek(date, weekStart), 6);
    case 'PageUp':
      return addMonths(date, shift ? -12 : -1);
    case 'PageDown':
      return addMonths(date, shift ? 12 : 1);
    default:
      return undefined;
  }
}

/** Is `date` on a weekend day (Saturday or Sunday)? For styling only. */
export const isWeekend = (date: LocalDate) => weekday(date) >= 6;
