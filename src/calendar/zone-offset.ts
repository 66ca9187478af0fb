/**
 * A zone's offset from UTC at an instant, from `Intl.DateTimeFormat` (every browser and Node ship
 * their own zone data), with one formatter per zone and the answers remembered: a month of
 * activities asks for thousands of wall times, and one `formatToParts` costs tens of microseconds
 * on a slow phone (a month view took up to a second). Offsets are kept per six-hour slice of time,
 * read at the slice's edges; a slice whose edges differ holds a transition, found to the second
 * once. Transitions are months apart in every zone, so a slice never holds two.
 * No imports: the calendar widget's first download and the recurrence engine share this module.
 * `zone-rule.ts` reads a zone that keeps the EU's summer time without Intl until its formatter
 * exists.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter for a zone, or null for a name this runtime's Intl does not know. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timeZone === 'Z' ? 'UTC' : timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      f = null;
    }
    // Bounded: a hostile feed could name thousands of made-up zones.
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

const SECOND = 1000;
const SLICE = 6 * 3600 * SECOND;

/** What Intl says, to the second (Intl drops milliseconds, so the instant is floored first). */
function measured(f: Intl.DateTimeFormat, instant: number): number {
  const second = Math.floor(instant / SECOND) * SECOND;
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(second)) p[type] = value;
  let year = Number(p['year']);
  if (p['era'] === 'BC' || p['era'] === 'B') year = 1 - year;
  const local = new Date(0);
  local.setUTCFullYear(year, Number(p['month']) - 1, Number(p['day']));
  local.setUTCHours(Number(p['hour']), Number(p['minute']), Number(p['second']));
  return local.getTime() - second;
}

interface ZoneCache {
  /** Slice number → offset at the slice's first millisecond. */
  edges: Map<number, number>;
  /** Slice number → the first second (as ms) of the offset that ends the slice. */
  switches: Map<number, number>;
}
const caches = new Map<string, ZoneCache>();

function edge(cache: ZoneCache, f: Intl.DateTimeFormat, slice: number): number {
  let offset = cache.edges.get(slice);
  if (offset === undefined) cache.edges.set(slice, (offset = measured(f, slice * SLICE)));
  return offset;
}

/**
 * Offset of a zone Intl knows at `instant`, in milliseconds (Amsterdam in summer: +7 200 000);
 * throws a RangeError for an unknown zone.
 */
export function zoneOffset(instant: number, timeZone: string): number {
  const f = zoneFormatter(timeZone);
  if (!f) throw new RangeError(`Unknown time zone: ${timeZone}`);
  let cache = caches.get(timeZone);
  if (!cache || cache.edges.size > 50_000) {
    if (caches.size > 500) caches.clear();
    caches.set(timeZone, (cache = { edges: new Map(), switches: new Map() }));
  }
  const slice = Math.floor(instant / SLICE);
  const before = edge(cache, f, slice);
  const after = edge(cache, f, slice + 1);
  if (before === after) return before;
  let at = cache.switches.get(slice);
  if (at === undefined) {
    // The first second with the new offset: about 15 halvings of the slice.
    let [lo, hi] = [(slice * SLICE) / SECOND, ((slice + 1) * SLICE) / SECOND];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (measured(f, mid * SECOND) === before) lo = mid;
      else hi = mid;
    }
    cache.switches.set(slice, (at = hi * SECOND));
  }
  return instant >= at ? after : before;
}

/** Has the zone's formatter been made (by a reading, or by `zoneFormatter`)? */
export const hasZoneFormatter = (timeZone: string): boolean => !!formatters.get(timeZone);
