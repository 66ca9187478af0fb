/**
 * The differential test's two sides: occurrences of an ICS text as ical.js (an independent,
 * maintained RFC 5545 implementation, dev dependency only) expands them, and as this project's
 * importer plus recurrence engine do. Both give the same comparable rows: start, title, cancelled.
 */
import ICAL from 'ical.js';
import { importIcs } from '../../src/activities/ics-import.js';
import { expand } from '../../src/activities/recurrence.js';
import { activitySchema } from '../../src/schema/activity.js';

/** `start` is `YYYY-MM-DD` for all-day rows, an ISO instant for zoned rows, a wall clock for floating rows. */
export interface Row {
  readonly start: string;
  readonly title: string;
  readonly cancelled: boolean;
}

export const rowKey = (r: Row): string => `${r.start}|${r.title}|${r.cancelled ? 'cancelled' : ''}`;

const READER_ZONE = 'Europe/Amsterdam';
const title = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').slice(0, 100);

/** The comparison window: from two days before the first DTSTART, `days` long. */
export function windowOf(text: string, days: number): { from: number; to: number } {
  // Only events' DTSTARTs: a VTIMEZONE's start in 1601 or 1970 would make an empty window.
  const events = text
    .split(/^BEGIN:VEVENT/m)
    .slice(1)
    .map((e) => e.split(/^END:VEVENT/m)[0]!);
  const starts = events.flatMap((e) => [...e.matchAll(/^DTSTART[^\r\n]*?(\d{8})(?:T\d{6}Z?)?\s*$/gm)].map((m) => m[1]!)).sort();
  const first = starts[0] ?? '20240101';
  const from = Date.UTC(+first.slice(0, 4), +first.slice(4, 6) - 1, +first.slice(6, 8)) - 2 * 86_400_000;
  return { from, to: from + days * 86_400_000 };
}

/** ical.js's reading. Floating and unresolvable zones come out as wall clock (`kind: 'wall'`). */
export function theirs(text: string, from: number, to: number): { rows: Row[]; wallRows: Set<string> } {
  const root = new ICAL.Component(ICAL.parse(text));
  const registered = new Set<string>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    if (tz.tzid && !ICAL.TimezoneService.has(tz.tzid)) ICAL.TimezoneService.register(vtz);
    registered.add(tz.tzid);
  }
  const masters = new Map<string, InstanceType<typeof ICAL.Component>>();
  const exceptions: InstanceType<typeof ICAL.Component>[] = [];
  for (const v of root.getAllSubcomponents('vevent')) {
    if (!v.getFirstPropertyValue('dtstart')) continue;
    const uid = String(v.getFirstPropertyValue('uid') ?? '');
    if (v.hasProperty('recurrence-id') && uid) exceptions.push(v);
    else {
      const key = uid || `no-uid-${masters.size}`;
      const seq = (c: InstanceType<typeof ICAL.Component>) => Number(c.getFirstPropertyValue('sequence') ?? 0);
      // RFC 5545 §3.8.7.4: of two versions of one UID, the higher SEQUENCE is the current one.
      const had = masters.get(key);
      if (!had || seq(v) > seq(had)) masters.set(key, v);
    }
  }
  const events: InstanceType<typeof ICAL.Event>[] = [];
  const related = new Set<InstanceType<typeof ICAL.Component>>();
  for (const [uid, master] of masters) {
    const event = new ICAL.Event(master);
    for (const x of exceptions) {
      if (String(x.getFirstPropertyValue('uid')) === uid) {
        event.relateException(x);
        related.add(x);
      }
    }
    events.push(event);
  }
  // Changed occurrences without their series stand on their own.
  for (const x of exceptions) if (!related.has(x)) events.push(new ICAL.Event(x));

  const rows: Row[] = [];
  const wallRows = new Set<string>();
  const stopAt = ICAL.Time.fromJSDate(new Date(to + 400 * 86_400_000), true);
  for (const event of events) {
    const it = event.iterator();
    let n = 0;
    for (let next = it.next(); next && n < 5000; next = it.next(), n++) {
      if (next.compare(stopAt) > 0) break;
      const d = event.getOccurrenceDetails(next);
      const start = d.startDate;
      let key: string;
      let at: number;
      if (start.isDate) {
        key = start.toString().slice(0, 10);
        at = Date.UTC(start.year, start.month - 1, start.day);
      } else if (start.zone === ICAL.Timezone.utcTimezone || (start.zone?.tzid && registered.has(start.zone.tzid))) {
        at = start.toUnixTime() * 1000;
        key = new Date(at).toISOString().replace('.000Z', 'Z');
      } else {
        key = start.toString().slice(0, 19);
        at = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second);
      }
      if (at < from || at >= to) continue;
      const status = String(d.item.component.getFirstPropertyValue('status') ?? '').toUpperCase();
      const row = { start: key, title: title(d.item.summary), cancelled: status === 'CANCELLED' };
      if (!start.isDate && key.length === 19) wallRows.add(rowKey(row));
      rows.push(row);
    }
  }
  return { rows, wallRows };
}

/**
 * This project's reading. `wall`: rows ical.js could only give as wall clock are compared as
 * the wall clock in the activity's own zone (the zone the TZID or X-WR-TIMEZONE named).
 */
export function ours(text: string, from: number, to: number, wallTitles?: (r: Row) => boolean): Row[] {
  const { activities } = importIcs(text, { defaultTimeZone: READER_ZONE, untitled: '' });
  const rows: Row[] = [];
  for (const input of activities) {
    const a = activitySchema.parse(input);
    for (const o of expand(a, from - 3 * 86_400_000, to + 3 * 86_400_000, { floatingTimeZone: READER_ZONE })) {
      const at = o.allDay ? Date.UTC(+o.start.slice(0, 4), +o.start.slice(5, 7) - 1, +o.start.slice(8, 10)) : Date.parse(o.start);
      const wallAt = Date.parse(`${o.start.slice(0, 19)}Z`);
      const instant = new Date(at).toISOString().replace('.000Z', 'Z');
      const base = { title: title(o.title ?? a.title), cancelled: o.status === 'gaat-niet-door' };
      const wall = { start: o.start.slice(0, 19), ...base };
      if (o.allDay) {
        if (at >= from && at < to) rows.push({ start: o.start.slice(0, 10), ...base });
      } else if (wallTitles?.(wall)) {
        if (wallAt >= from && wallAt < to) rows.push(wall);
      } else if (at >= from && at < to) rows.push({ start: instant, ...base });
    }
  }
  return rows;
}

/** Rows only one side has (multiset difference both ways). */
export function compare(text: string, days = 730): { ours: number; theirs: number; onlyOurs: Row[]; onlyTheirs: Row[] } {
  const { from, to } = windowOf(text, days);
  const t = theirs(text, from, to);
  const o = ours(text, from, to, (r) => t.wallRows.has(rowKey(r)));
  const count = new Map<string, number>();
  for (const r of t.rows) count.set(rowKey(r), (count.get(rowKey(r)) ?? 0) + 1);
  const onlyOurs: Row[] = [];
  for (const r of o) {
    const n = count.get(rowKey(r)) ?? 0;
    if (n > 0) count.set(rowKey(r), n - 1);
    else onlyOurs.push(r);
  }
  const left = new Map(count);
  const onlyTheirs = t.rows.filter((r) => {
    const n = left.get(rowKey(r)) ?? 0;
    if (n > 0) left.set(rowKey(r), n - 1);
    return n > 0;
  });
  return { ours: o.length, theirs: t.rows.length, onlyOurs, onlyTheirs };
}
