/**
 * A zone's offset from UTC at an instant, from `Intl.DateTimeFormat` (every browser and Node ship
 * their own zone data), with one formatter per zone and the answers remembered: a month of
 * activities asks for thousands of wall times, and one `formatToParts` costs tens of microseconds
 * on a slow phone (a month view took up to a second). Offsets are kept per six-hour slice of time,
 * read at the slice's edges; a slice whose edges differ holds a transition, found to the second
 * once. Transitions are months apart in every zone, so a slice never holds two.
 * No imports: the calendar widget's first download and the recurrence engine share this module.
 *
 * {@link quickOffset} reads a zone that keeps the European Union's summer time from that rule
 * until the zone's formatter exists: a page's first date formatter costs a slow phone 100-150 ms,
 * and the calendar's first render needs only today's date.
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
const HOUR = 3600 * SECOND;
const SLICE = 6 * HOUR;

/**
 * Zones that have kept the EU's summer time (EU directive 2000/84/EC: from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October) in every year of `RULE_YEARS`, by
 * their standard offset in hours. `test/unit/zone-rule.test.ts` (Node) and
 * `test/browser/zone-rule.test.ts` (Chromium) check each against the runtime's Intl on every day
 * and every switch of those years.
 */
const RULE_ZONES = new Map<string, number>();
for (const [hours, zones] of [
  [0, 'Europe/London Europe/Dublin Europe/Lisbon Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Atlantic/Canary Atlantic/Faroe Atlantic/Madeira'],
  [
    1,
    'Europe/Amsterdam Europe/Brussels Europe/Luxembourg Europe/Paris Europe/Berlin Europe/Busingen Europe/Vienna Europe/Zurich Europe/Vaduz Europe/Rome Europe/Vatican Europe/San_Marino Europe/Malta Europe/Madrid Africa/Ceuta Europe/Andorra Europe/Monaco Europe/Gibraltar Europe/Copenhagen Europe/Oslo Arctic/Longyearbyen Europe/Stockholm Europe/Prague Europe/Bratislava Europe/Warsaw Europe/Budapest Europe/Ljubljana Europe/Zagreb Europe/Sarajevo Europe/Belgrade Europe/Podgorica Europe/Skopje Europe/Tirane',
  ],
  [2, 'Europe/Helsinki Europe/Mariehamn Europe/Tallinn Europe/Riga Europe/Vilnius Europe/Athens Europe/Sofia Europe/Bucharest Asia/Nicosia'],
] as const)
  for (const zone of zones.split(' ')) RULE_ZONES.set(zone, hours * HOUR);

/** The years the rule is known to hold for every zone above (the tests check each). */
export const RULE_YEARS = [2004, 2037] as const;

/** Does the EU's summer-time rule give this zone's offsets (in `RULE_YEARS`)? */
export const hasRule = (timeZone: string): boolean => RULE_ZONES.has(timeZone);

/** 01:00 UTC on the last Sunday of a month (0-based). */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * 24 * HOUR + HOUR;
}

/**
 * The offset of a zone that keeps the EU's summer time, from the rule alone: no Intl. Undefined for
 * another zone, or an instant outside `RULE_YEARS`.
 */
export function ruleOffset(instant: number, timeZone: string): number | undefined {
  const standard = RULE_ZONES.get(timeZone);
  const year = new Date(instant).getUTCFullYear();
  if (standard === undefined || !(year >= RULE_YEARS[0] && year <= RULE_YEARS[1])) return undefined;
  return instant >= lastSunday(year, 2) && instant < lastSunday(year, 9) ? standard + HOUR : standard;
}

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

/**
 * The offset for the calendar's list: from the EU's rule (no Intl) until the zone's formatter
 * exists, which `src/core/warm-dates.ts` makes at idle; from then on, and for any other zone, from
 * Intl, so a change of the zone's rules that the browser knows of wins.
 */
export function quickOffset(instant: number, timeZone: string): number {
  const ruled = formatters.get(timeZone) ? undefined : ruleOffset(instant, timeZone);
  return ruled ?? zoneOffset(instant, timeZone);
}
