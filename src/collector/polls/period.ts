/**
 * Periods of poll results and the impact report: local dates in the site's zone (inclusive), and
 * the instants `[start, before)` the store is asked for. The previous period is as many days,
 * ending the day before.
 */
import { startOfDay, toLocal } from '../../calendar/time-zone.js';
import { addDays, addYears, daysBetween, formatLocalDate, parseLocalDate } from '../../calendar/wall-clock.js';
import type { FieldIssue } from '../../schema/index.js';

export interface Period {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  days: number;
  /** ISO instant: start of `from` in the site's zone. */
  start: string;
  /** ISO instant: start of the day after `to`. */
  before: string;
}

/** Longest period one request may cover: ten years. */
export const MAX_PERIOD_DAYS = 3660;

export function periodOf(from: string, to: string, timeZone: string): Period {
  const first = parseLocalDate(from)!;
  const last = parseLocalDate(to)!;
  return {
    from,
    to,
    days: daysBetween(first, last) + 1,
    start: new Date(startOfDay(first, timeZone)).toISOString(),
    before: new Date(startOfDay(addDays(last, 1), timeZone)).toISOString(),
  };
}

export function previousPeriod(p: Period, timeZone: string): Period {
  const first = parseLocalDate(p.from)!;
  return periodOf(formatLocalDate(addDays(first, -p.days)), formatLocalDate(addDays(first, -1)), timeZone);
}

/** The local date of `now` in the zone. */
export function today(now: Date, timeZone: string): string {
  return formatLocalDate(toLocal(now.getTime(), timeZone));
}

/**
 * From the query's `from`/`to` (both or neither). Without them: the twelve months up to today, or
 * null when the caller wants "all time" (`fallback: 'all'`). Issues name the field at fault.
 */
export function resolvePeriod(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
  now: Date,
  fallback: 'year' | 'all',
): { period: Period | null; issues: FieldIssue[] } {
  const { from, to } = query;
  if ((from === undefined) !== (to === undefined)) {
    const path = from === undefined ? 'from' : 'to';
    return { period: null, issues: [{ path, message: 'Give both from and to, or neither', code: 'invalid_range' }] };
  }
  if (from === undefined || to === undefined) {
    if (fallback === 'all') return { period: null, issues: [] };
    const last = parseLocalDate(today(now, timeZone))!;
    return { period: periodOf(formatLocalDate(addDays(addYears(last, -1), 1)), formatLocalDate(last), timeZone), issues: [] };
  }
  const days = daysBetween(parseLocalDate(from)!, parseLocalDate(to)!);
  if (days < 0) return { period: null, issues: [{ path: 'to', message: 'to comes before from', code: 'invalid_range' }] };
  if (days >= MAX_PERIOD_DAYS) {
    return { period: null, issues: [{ path: 'to', message: `At most ${MAX_PERIOD_DAYS} days`, code: 'invalid_range' }] };
  }
  return { period: periodOf(from, to, timeZone), issues: [] };
}
