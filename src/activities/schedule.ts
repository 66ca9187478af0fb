/**
 * Items expanded in the browser (inline JSON, ICS feeds, the `items` property, a collector that
 * does not expand): their recurrence rules and overrides are read here, next to the recurrence
 * engine, in a chunk that the collector's expanded answers never need (see `engine.ts`).
 */
import type { Occurrence } from '../schema/activity.js';
import { expandDays as expandOnDays } from './recurrence.js';
import type { LocalDate } from '../calendar/wall-clock.js';
import { isObj, localValue, readItem, readItems, str, strings, type CalendarItem, type ReadResult } from './items.js';

/** Occurrences of `items` on the days `[from, to)` in `timeZone`, at most 500. */
export const expandDays = (items: readonly CalendarItem[], from: LocalDate, to: LocalDate, timeZone: string): Occurrence[] =>
  expandOnDays(items, from, to, timeZone, { maxOccurrences: 500 });

function readRecurrence(v: unknown): CalendarItem['recurrence'] {
  if (!isObj(v)) return undefined;
  const pauses = Array.isArray(v['pauses'])
    ? v['pauses']
        .filter(isObj)
        .flatMap((p) =>
          typeof p['from'] === 'string' && typeof p['to'] === 'string'
            ? [{ from: p['from'], to: p['to'], label: str(p['label'], 200) }]
            : [],
        )
    : undefined;
  return { rrule: str(v['rrule'], 500), exdates: strings(v['exdates']), rdates: strings(v['rdates']), pauses };
}

function readOverrides(v: unknown): CalendarItem['overrides'] {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isObj).flatMap((o) => {
    const recurrenceId = localValue(o['recurrenceId']);
    if (!recurrenceId) return [];
    const status = o['status'] === 'gaat-niet-door' || o['status'] === 'gaat-door' ? o['status'] : undefined;
    return [
      {
        recurrenceId,
        start: localValue(o['start']),
        end: localValue(o['end']),
        status,
        statusReason: str(o['statusReason'], 500),
        title: str(o['title'], 120),
        description: str(o['description']),
        location: str(o['location'], 200),
        room: str(o['room'], 200),
        note: str(o['note'], 500),
        thisAndFuture: o['thisAndFuture'] === true,
      },
    ];
  });
}

/** One item with its recurrence and overrides, or the reason it is skipped. */
export function readScheduleItem(v: unknown, index = 0): CalendarItem | string {
  const item = readItem(v, index);
  return typeof item === 'string' || !isObj(v)
    ? item
    : { ...item, recurrence: readRecurrence(v['recurrence']), overrides: readOverrides(v['overrides']) };
}

/** A list of items with their recurrence (`[...]` or `{items: [...]}`); bad items are skipped with a reason. */
export const readSchedule = (data: unknown): ReadResult => readItems(data, readScheduleItem);

/** Inline JSON from a `<script type="application/json">`; unreadable JSON is one problem, no items. */
export function readInlineJson(text: string): ReadResult {
  try {
    return readSchedule(JSON.parse(text));
  } catch (e) {
    return { items: [], problems: [`inline JSON not read: ${(e as Error).message}`] };
  }
}

/** A public ICS feed's answer: parsed robustly (the parser is a chunk of its own) and converted to the activity model. */
export async function readIcs(res: Response): Promise<ReadResult> {
  if (!res.ok) throw new Error(`ICS feed answered ${res.status}`);
  const [{ importIcs }, text] = await Promise.all([import('./ics-import.js'), res.text()]);
  const { activities, warnings } = importIcs(text);
  const result = readSchedule(activities);
  // Info warnings say how something was read (a mapped zone, a made-up UID): nothing was lost.
  const notes = warnings.filter((w) => w.severity === 'info').map((w) => w.message);
  const problems = warnings.filter((w) => w.severity !== 'info').map((w) => w.message);
  return { items: result.items, problems: [...result.problems, ...problems], notes };
}
