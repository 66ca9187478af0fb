/**
 * VTIMEZONE blocks generated from the runtime's own zone data (`Intl`), so a feed carries the
 * zone definition RFC 5545 asks for without shipping a zone database. A zone with yearly
 * "n-th weekday of a month" changes (all of Europe and North America) becomes two observances
 * with RRULEs, the way Google writes them; any other zone gets its actual changes listed.
 */
import { formatIcsDateTime, formatUtcOffset } from './ics-values.js';
import { WEEKDAY_CODES } from './rrule.js';
import { offsetAt } from './time-zone.js';
import { MS_PER_DAY, MS_PER_MINUTE, atTime, daysInMonth, fromWallMs, weekday, type LocalDateTime } from './wall-clock.js';

interface Transition {
  readonly instant: number;
  readonly from: number;
  readonly to: number;
}

/** Offset changes in a calendar year, found by daily sampling and a binary search to the minute. */
export function transitionsIn(timeZone: string, year: number): Transition[] {
  const out: Transition[] = [];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  let prevT = start;
  let prev = offsetAt(start, timeZone);
  for (let t = start + MS_PER_DAY; t <= end; t += MS_PER_DAY) {
    const o = offsetAt(t, timeZone);
    if (o !== prev) {
      let lo = prevT / MS_PER_MINUTE;
      let hi = t / MS_PER_MINUTE;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid * MS_PER_MINUTE, timeZone) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ instant: hi * MS_PER_MINUTE, from: prev, to: o });
    }
    prevT = t;
    prev = o;
  }
  return out;
}

interface YearlyRule {
  readonly month: number;
  readonly weekday: number;
  /** 1–4, or -1 for "last". */
  readonly nth: number;
  readonly hour: number;
  readonly minute: number;
}

/** The wall clock (in the offset before the change) at which a transition happens. */
const wallOf = (t: Transition): LocalDateTime => fromWallMs(t.instant + t.from);

function ruleOf(t: Transition): YearlyRule {
  const w = wallOf(t);
  const last = w.day + 7 > daysInMonth(w.year, w.month);
  return { month: w.month, weekday: weekday(w), nth: last ? -1 : Math.ceil(w.day / 7), hour: w.hour, minute: w.minute };
}

/** The date a yearly rule gives in `year`. */
function dateOf(rule: YearlyRule, year: number): LocalDateTime {
  const dim = daysInMonth(year, rule.month);
  const days = [];
  for (let d = 1; d <= dim; d++) if (weekday({ year, month: rule.month, day: d }) === rule.weekday) days.push(d);
  const day = rule.nth > 0 ? days[rule.nth - 1]! : days[days.length - 1]!;
  return atTime({ year, month: rule.month, day }, rule.hour, rule.minute);
}

const sameWall = (a: LocalDateTime, b: LocalDateTime) => formatIcsDateTime(a) === formatIcsDateTime(b);

/**
 * The lines of a VTIMEZONE for `timeZone` (unfolded, no line endings). Rules are derived from
 * `year` and checked against the years either side; `from`…`to` bound the explicit listing used
 * when the zone has no such rule.
 */
export function vtimezoneLines(
  timeZone: string,
  year: number,
  range: { from: number; to: number } = { from: year - 1, to: year + 5 },
): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', start: LocalDateTime, from: number, to: number, rrule?: string) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${formatIcsDateTime(start)}`,
      `TZOFFSETFROM:${formatUtcOffset(from)}`,
      `TZOFFSETTO:${formatUtcOffset(to)}`,
    );
    if (rrule) lines.push(`RRULE:${rrule}`);
    lines.push(`END:${kind}`);
  };
  const kindOf = (t: Transition) => (t.to > t.from ? 'DAYLIGHT' : 'STANDARD');

  const transitions = transitionsIn(timeZone, year);
  const rules = transitions.map(ruleOf);
  const regular =
    transitions.length === 2 &&
    [year - 1, year + 1, year + 2].every((y) => {
      const other = transitionsIn(timeZone, y);
      return other.length === 2 && other.every((t, i) => sameWall(wallOf(t), dateOf(rules[i]!, y)) && t.from === transitions[i]!.from);
    });

  if (transitions.length === 0) {
    const offset = offsetAt(Date.UTC(year, 0, 1), timeZone);
    observance('STANDARD', atTime({ year: 1970, month: 1, day: 1 }), offset, offset);
  } else if (regular) {
    transitions.forEach((t, i) => {
      const r = rules[i]!;
      const byDay = `${r.nth}${WEEKDAY_CODES[r.weekday - 1]}`;
      observance(kindOf(t), dateOf(r, 1970), t.from, t.to, `FREQ=YEARLY;BYMONTH=${r.month};BYDAY=${byDay}`);
    });
  } else {
    // No yearly pattern (or it changed): list the real changes of the years that matter.
    const first = offsetAt(Date.UTC(range.from, 0, 1), timeZone);
    observance('STANDARD', atTime({ year: range.from, month: 1, day: 1 }), first, first);
    for (let y = range.from; y <= range.to; y++) {
      for (const t of transitionsIn(timeZone, y)) observance(kindOf(t), wallOf(t), t.from, t.to);
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
