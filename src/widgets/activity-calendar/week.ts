/** Weeks and days for every view of `<activity-calendar>`: where a week starts, and same-day tests. */
import type { LocalDate, Weekday } from '../../calendar/wall-clock.js';

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

/** Are two dates the same day? */
export const sameDay = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;
