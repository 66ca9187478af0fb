/**
 * A zone's offset without Intl, for the zones that keep the European Union's summer time: a page's
 * first date formatter costs a slow phone 100-150 ms, and the calendar's first render needs only
 * today's date (`quickOffset`, used by the list's days in `src/activities/days.ts`). Once the
 * zone's formatter exists, Intl answers.
 */
import { hasZoneFormatter, zoneOffset } from './zone-offset.js';

const HOUR = 3_600_000;

/**
 * Zones that have kept the EU's summer time (EU directive 2000/84/EC: from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October) in every year of `RULE_YEARS`, by
 * their standard offset in hours. `test/unit/zone-rule.test.ts` (Node) and
 * `test/browser/zone-rule.test.ts` (Chromium) check each against the runtime's Intl on every day
 * and every switch of those years.
 */
const RULE_ZONES = new Map<string, number>();
for (const [hours, zones] of [
  [
    0,
    'Europe/London Europe/Dublin Europe/Lisbon Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Atlantic/Canary Atlantic/Faroe Atlantic/Madeira',
  ],
  [
    1,
    'Europe/Amsterdam Europe/Brussels Europe/Luxembourg Europe/Paris Europe/Berlin Europe/Busingen Europe/Vienna Europe/Zurich Europe/Vaduz Europe/Rome Europe/Vatican Europe/San_Marino Europe/Malta Europe/Madrid Africa/Ceuta Europe/Andorra Europe/Monaco Europe/Gibraltar Europe/Copenhagen Europe/Oslo Arctic/Longyearbyen Europe/Stockholm Europe/Prague Europe/Bratislava Europe/Warsaw Europe/Budapest Europe/Ljubljana Europe/Zagreb Europe/Sarajevo Europe/Belgrade Europe/Podgorica Europe/Skopje Europe/Tirane',
  ],
  [
    2,
    'Europe/Helsinki Europe/Mariehamn Europe/Tallinn Europe/Riga Europe/Vilnius Europe/Athens Europe/Sofia Europe/Bucharest Asia/Nicosia',
  ],
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

/**
 * The offset for the calendar's list: from the EU's rule (no Intl) until the zone's formatter
 * exists, which `src/core/warm-dates.ts` makes at idle; from then on, and for any other zone, from
 * Intl, so a change of the zone's rules that the browser knows of wins.
 */
export function quickOffset(instant: number, timeZone: string): number {
  const ruled = hasZoneFormatter(timeZone) ? undefined : ruleOffset(instant, timeZone);
  return ruled ?? zoneOffset(instant, timeZone);
}
