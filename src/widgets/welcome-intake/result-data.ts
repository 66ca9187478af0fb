/**
 * What the result screen shows from the calendar: upcoming activities that match the chosen
 * interests and topics (by the options' `match` tags: activity category or audience), and today's
 * opening hours. Loaded only when the result screen is reached, with the calendar's own sources
 * and recurrence engine (a separate chunk, so the steps stay small).
 */
import { DEFAULT_TIME_ZONE } from '../../calendar/constants.js';
import { expandAll } from '../../activities/recurrence.js';
import { startOfDay, toLocal } from '../../calendar/time-zone.js';
import { addDays } from '../../calendar/wall-clock.js';
import type { IntakeAnswers, IntakeFlow } from '../../schema/welcome-intake-flow.js';
import { loadCollector, loadIcs } from '../../activities/sources.js';
import type { CalendarItem } from '../../activities/items.js';
import { readSchedule } from '../../activities/schedule.js';
import { formatsFor } from '../../core/formats.js';

/** The result screen's dates wait for the date formatter's set-up (see `warm-dates.ts`). */
export { withDates } from '../../core/warm-dates.js';

export type ScheduleSource =
  { kind: 'items'; items: unknown } | { kind: 'ics'; url: string } | { kind: 'collector'; endpoint: string; site: string };

export interface MatchTags {
  categories: Set<string>;
  audiences: Set<string>;
}

/** The tags of every chosen option that has `match`. */
export function matchTags(flow: IntakeFlow, answers: IntakeAnswers): MatchTags {
  const tags: MatchTags = { categories: new Set(), audiences: new Set() };
  for (const q of flow.steps.flatMap((s) => s.questions)) {
    const chosen = answers[q.id];
    const values = Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : [];
    for (const option of q.options ?? []) {
      if (!values.includes(option.value)) continue;
      option.match?.categories?.forEach((c) => tags.categories.add(c));
      option.match?.audiences?.forEach((a) => tags.audiences.add(a));
    }
  }
  return tags;
}

/** An activity matches by its category, or by an audience tag other than "iedereen". */
export function matchesTags(item: CalendarItem, tags: MatchTags): boolean {
  if (item.kind === 'opening-hours') return false;
  if (item.category && tags.categories.has(item.category)) return true;
  return (item.audience ?? []).some((a) => a !== 'iedereen' && tags.audiences.has(a));
}

export interface ResultActivity {
  id: string;
  title: string;
  when: string;
  location?: string | undefined;
}

export interface ResultData {
  activities: ResultActivity[];
  /** Today's opening blocks as formatted times; empty: closed today; undefined: no opening hours known. */
  today: { from: string; until: string }[] | undefined;
}

const DAYS_AHEAD = 28;
const MAX_ACTIVITIES = 5;

/** The next occurrence of each matching activity within four weeks, soonest first; today's opening hours. */
export function resultData(
  items: readonly CalendarItem[],
  tags: MatchTags,
  now: number,
  locale: string,
  timeZone = DEFAULT_TIME_ZONE,
): ResultData {
  const fmt = formatsFor(locale, timeZone);
  const today = toLocal(now, timeZone);
  const dayStart = startOfDay(today, timeZone);
  const dayEnd = startOfDay(addDays(today, 1), timeZone);
  const horizon = startOfDay(addDays(today, DAYS_AHEAD), timeZone);
  const byId = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const activities: ResultActivity[] = [];
  for (const o of expandAll(
    items.filter((i) => matchesTags(i, tags)),
    now,
    horizon,
    { maxOccurrences: 10 },
  )) {
    if (o.status === 'gaat-niet-door' || seen.has(o.activityId) || activities.length >= MAX_ACTIVITIES) continue;
    seen.add(o.activityId);
    const start = Date.parse(o.start);
    const item = byId.get(o.activityId);
    activities.push({
      id: o.activityId,
      title: o.title ?? item?.title ?? '',
      when: fmt.join(fmt.day(toLocal(start, timeZone)), o.allDay ? '' : fmt.time(start)),
      location: o.location ?? item?.location,
    });
  }
  const hours = items.filter((i) => i.kind === 'opening-hours');
  const blocks = expandAll(hours, dayStart, dayEnd)
    .filter((o) => o.status !== 'gaat-niet-door' && o.end)
    .map((o) => ({ from: fmt.time(Date.parse(o.start)), until: fmt.time(Date.parse(o.end!)) }));
  return { activities, today: hours.length ? blocks : undefined };
}

/** Loads the schedule items from the configured source. */
export async function loadSchedule(source: ScheduleSource, signal?: AbortSignal): Promise<CalendarItem[]> {
  if (source.kind === 'items') return readSchedule(source.items).items;
  if (source.kind === 'ics') return (await loadIcs(source.url, signal)).items;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return (await loadCollector(source.endpoint, source.site, iso(now - 86_400_000), iso(now + (DAYS_AHEAD + 1) * 86_400_000), signal)).items;
}
