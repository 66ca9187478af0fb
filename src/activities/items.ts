/**
 * The items `<activity-calendar>` shows, read from the collector (and, with `schedule.ts`, from
 * inline JSON and ICS feeds) with small hand-written checks: zod stays out of the browser bundle. What does not fit is skipped (an
 * item) or dropped (a field) and reported, so one typo does not blank the whole calendar.
 */
import { isLocalValue, isValidTimeZone } from './days.js';
import type { WritableItem } from './ics-write.js';
import type { Cost, Occurrence, Present, Registration } from '../schema/activity.js';
import { ACTIVITY_TEXTS, TRANSLATION_LANGS, type ActivityTranslations } from '../schema/activity-texts.js';

/** An activity or opening-hours block, as the widget uses it (the model of `src/schema/activity.ts`). */
export interface CalendarItem extends WritableItem {
  readonly kind?: 'activity' | 'opening-hours' | undefined;
  readonly category?: string | undefined;
  readonly audience?: readonly string[] | undefined;
  readonly cost?: Cost | undefined;
  readonly fundingNote?: string | undefined;
  readonly accessibility?: readonly string[] | undefined;
  readonly accessibilityNote?: string | undefined;
  readonly organiser?: string | undefined;
  readonly hostOrganisation?: string | undefined;
  readonly present?: readonly Present[] | undefined;
  readonly newcomers?: { contactName: string; contact?: string | undefined; note?: string | undefined } | undefined;
  readonly registration?: Registration | undefined;
  /** English and Arabic beside the Dutch texts (`src/schema/activity-texts.ts`). */
  readonly translations?: ActivityTranslations | undefined;
}

export interface ReadResult {
  items: CalendarItem[];
  /** What was left out or changed while reading, each saying so (logged as warnings). */
  problems: string[];
  /** Informational notes: how something was read, with nothing lost (logged as info). */
  notes?: string[] | undefined;
  /** "Ik kom" places left per item id and occurrence (collector only; see `placesLeft`). */
  remaining?: Record<string, Record<string, number>> | undefined;
  /** Occurrences the collector expanded, `from`–`to` (dates, inclusive); absent: expand here. */
  expanded?: { occurrences: Occurrence[]; from: string; to: string } | undefined;
}

type Obj = Record<string, unknown>;
/** Small readers: a plain object; trimmed text up to `max`; a list of texts; a wall-clock value. */
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown, max = 4000) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
export const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && !!s.trim()).slice(0, 1000) : undefined;
export const localValue = (v: unknown) => (typeof v === 'string' && isLocalValue(v) ? v : undefined);
const httpUrl = (v: unknown) => (typeof v === 'string' && /^https?:\/\/\S+$/i.test(v) ? v : undefined);
const count = (v: unknown, max = Infinity) =>
  Number.isInteger(v) && (v as number) > 0 && (v as number) <= max ? (v as number) : undefined;
const zone = (v: unknown) => (typeof v === 'string' && isValidTimeZone(v) ? v : undefined);
const instant = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);

/** What an item and an occurrence both have; anything but the known values means the default. */
const common = (v: Obj) => ({
  kind: v['kind'] === 'opening-hours' ? ('opening-hours' as const) : ('activity' as const),
  status: v['status'] === 'gaat-niet-door' ? ('gaat-niet-door' as const) : ('gaat-door' as const),
  statusReason: str(v['statusReason'], 500),
  title: str(v['title'], 120),
  description: str(v['description']),
  location: str(v['location'], 200),
  room: str(v['room'], 200),
});

function readCost(v: unknown): Cost | undefined {
  if (!isObj(v)) return undefined;
  const amount = count(v['amount'], 1_000_000);
  if (v['kind'] === 'free') return { kind: 'free' };
  return (v['kind'] === 'amount' || v['kind'] === 'contribution') && amount ? { kind: v['kind'], amount, currency: 'EUR' } : undefined;
}

function readRegistration(v: unknown): Registration | undefined {
  if (!isObj(v)) return undefined;
  const [url, capacity] = [httpUrl(v['url']), count(v['capacity'])];
  return v['kind'] === 'link' && url
    ? { kind: 'link', url }
    : v['kind'] === 'capacity' && capacity
      ? { kind: 'capacity', capacity }
      : undefined;
}

/** The translations of an item's texts: known languages and texts only, each within the Dutch text's limit. */
function readTranslations(v: unknown): ActivityTranslations | undefined {
  if (!isObj(v)) return undefined;
  const max = { title: 120, description: 4000, location: 200, statusReason: 500, fundingNote: 500, accessibilityNote: 500 } as const;
  const langs = TRANSLATION_LANGS.flatMap((l) => {
    const t = v[l];
    if (!isObj(t)) return [];
    const texts = ACTIVITY_TEXTS.flatMap((k) => (str(t[k], max[k]) ? [[k, str(t[k], max[k])]] : []));
    return texts.length ? [[l, Object.fromEntries(texts)]] : [];
  });
  return langs.length ? Object.fromEntries(langs) : undefined;
}

/**
 * One item, or the reason it is skipped. Without its recurrence and overrides: only expanding in
 * the browser needs those, and `schedule.ts` reads them (the collector sends occurrences expanded).
 */
export function readItem(v: unknown, index = 0): CalendarItem | string {
  if (!isObj(v)) return `item ${index}: not an object`;
  const id = str(v['id'], 255) ?? `item-${index}`;
  const start = localValue(v['start']);
  const newcomers = v['newcomers'];
  const item = {
    ...common(v),
    id,
    start: start!,
    end: localValue(v['end']),
    allDay: start?.length === 10,
    timeZone: zone(v['timeZone']),
    url: httpUrl(v['url']),
    category: str(v['category'], 60),
    audience: strings(v['audience']),
    cost: readCost(v['cost']),
    fundingNote: str(v['fundingNote'], 500),
    accessibility: strings(v['accessibility']),
    accessibilityNote: str(v['accessibilityNote'], 500),
    organiser: str(v['organiser'], 200),
    hostOrganisation: str(v['hostOrganisation'], 200),
    present: Array.isArray(v['present'])
      ? v['present']
          .filter(isObj)
          .flatMap((p) => (typeof p['role'] === 'string' ? [{ role: p['role'] as Present['role'], name: str(p['name'], 200) }] : []))
      : undefined,
    newcomers:
      isObj(newcomers) && str(newcomers['contactName'])
        ? { contactName: str(newcomers['contactName'], 200)!, contact: str(newcomers['contact'], 200), note: str(newcomers['note'], 500) }
        : undefined,
    registration: readRegistration(v['registration']),
    translations: readTranslations(v['translations']),
  };
  if (!item.title) return `item ${id}: no title`;
  return start ? { ...item, title: item.title } : `item ${id}: start "${String(v['start'])}" is not YYYY-MM-DD or YYYY-MM-DDTHH:mm`;
}

/** One occurrence as the collector expands it (`src/schema/activity.ts`), or undefined. */
function readOccurrence(v: unknown): Occurrence | undefined {
  if (!isObj(v)) return undefined;
  const o = {
    ...common(v),
    activityId: str(v['activityId'], 255)!,
    recurrenceId: localValue(v['recurrenceId'])!,
    start: instant(v['start'])!,
    end: instant(v['end']),
    allDay: v['allDay'] === true,
    timeZone: zone(v['timeZone'])!,
    overridden: v['overridden'] === true,
    note: str(v['note'], 500),
  };
  return o.activityId && o.recurrenceId && o.start && o.timeZone ? o : undefined;
}

/** The collector's expanded occurrences; unreadable ones are skipped (each counts as a problem). */
export function readOccurrences(v: unknown[], problems: string[]): Occurrence[] {
  return v.flatMap((o, i) => readOccurrence(o) ?? (problems.push(`occurrence ${i} skipped: not an occurrence`), []));
}

/** A list of items (`[...]` or `{items: [...]}`), each read with `read`; bad items are skipped with a reason. */
export function readItems(data: unknown, read: (v: unknown, index: number) => CalendarItem | string = readItem): ReadResult {
  const list = Array.isArray(data) ? data : isObj(data) && Array.isArray(data['items']) ? data['items'] : undefined;
  if (!list) return { items: [], problems: ['nothing shown: expected an array of items, or {"items": [...]}'] };
  const items: CalendarItem[] = [];
  const problems: string[] = [];
  list.forEach((v, i) => {
    const item = read(v, i);
    if (typeof item === 'string') problems.push(`skipped ${item}`);
    else items.push(item);
  });
  return { items, problems };
}
