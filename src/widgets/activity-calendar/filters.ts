/**
 * Filters of `<activity-calendar>`: by audience tag and by category. Pure. Opening hours are never
 * filtered away; an activity "voor iedereen" matches every audience.
 */
import { AUDIENCE_TAGS } from '../../calendar/constants.js';

export interface Filterable {
  readonly kind?: string | undefined;
  readonly category?: string | undefined;
  readonly audience?: readonly string[] | undefined;
}

export interface CalendarFilter {
  /** Selected audience tags; empty means all. */
  readonly audience: readonly string[];
  /** Selected category; empty means all. */
  readonly category: string;
}

export const NO_FILTER: CalendarFilter = { audience: [], category: '' };

export function isFiltering(filter: CalendarFilter): boolean {
  return filter.audience.length > 0 || filter.category !== '';
}

export function matchesFilter(item: Filterable, filter: CalendarFilter): boolean {
  if (item.kind === 'opening-hours') return true;
  if (filter.category && item.category !== filter.category) return false;
  if (filter.audience.length) {
    const tags = item.audience ?? [];
    if (!tags.includes('iedereen') && !filter.audience.some((t) => tags.includes(t))) return false;
  }
  return true;
}

/** The choices worth offering: only tags and categories the activities use, in a stable order. */
export function filterOptions(items: readonly Filterable[]): { audience: string[]; categories: string[] } {
  const tags = new Set<string>();
  const categories = new Set<string>();
  for (const item of items) {
    if (item.kind === 'opening-hours') continue;
    for (const t of item.audience ?? []) if (t !== 'iedereen') tags.add(t);
    if (item.category) categories.add(item.category);
  }
  const order = (t: string) => {
    const i = (AUDIENCE_TAGS as readonly string[]).indexOf(t);
    return i < 0 ? AUDIENCE_TAGS.length : i;
  };
  return {
    audience: [...tags].sort((a, b) => order(a) - order(b) || a.localeCompare(b)),
    categories: [...categories].sort((a, b) => a.localeCompare(b)),
  };
}

/** Toggle one audience tag in a filter. */
export function toggleAudience(filter: CalendarFilter, tag: string, on: boolean): CalendarFilter {
  const rest = filter.audience.filter((t) => t !== tag);
  return { ...filter, audience: on ? [...rest, tag] : rest };
}
