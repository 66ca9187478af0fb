/**
 * Second half of the ICS reader: groups VEVENTs by UID into a series with its RECURRENCE-ID
 * instances and writes every time in the series' zone and form (date for all-day events).
 */
import type { IcsEvent, IcsOverride, IcsWarning, RawEvent, Resolved } from './ics-parse.js';
import { addDuration } from './ics-values.js';
import { toInstant, toLocal } from './time-zone.js';
import { addDays, atTime, compareLocal, formatLocalDate, formatLocalDateTime, type LocalDate, type LocalDateTime } from './wall-clock.js';

/** A resolved time as wall clock in `zone`. */
function wallIn(r: Extract<Resolved, { allDay: false }>, zone: string): LocalDateTime {
  return r.zone === zone ? r.local : toLocal(toInstant(r.local, r.zone), zone);
}

/** A value in the event's form: a date for all-day events, else wall clock in its zone. */
function valueIn(r: Resolved, allDay: boolean, zone: string, timeOfDay?: LocalDateTime): string {
  if (r.allDay)
    return timeOfDay ? formatLocalDateTime(atTime(r.date, timeOfDay.hour, timeOfDay.minute, timeOfDay.second)) : formatLocalDate(r.date);
  // All-day events take the date as written: Exchange writes RECURRENCE-ID and EXDATE of all-day series as midnight.
  return allDay ? formatLocalDate(r.local) : formatLocalDateTime(wallIn(r, zone));
}

/** The end in model form, or undefined when none (or none that makes sense) is given. */
function endOf(raw: RawEvent, startWall: LocalDateTime, allDay: boolean, zone: string, warn: (w: IcsWarning) => void): string | undefined {
  const bad = () => {
    warn({
      severity: 'warning',
      code: 'end-before-start',
      message: 'The end is before the start; it was left out',
      line: raw.line,
      uid: raw.uid,
    });
    return undefined;
  };
  if (allDay) {
    let last: LocalDate | undefined;
    if (raw.dtend) {
      const e = raw.dtend.allDay ? raw.dtend.date : raw.dtend.local;
      const midnight = raw.dtend.allDay || (raw.dtend.local.hour === 0 && raw.dtend.local.minute === 0);
      last = midnight ? addDays(e, -1) : e;
    } else if (raw.duration && !raw.duration.negative) {
      last = addDays(startWall, Math.max(1, raw.duration.days + Math.ceil(raw.duration.ms / 86_400_000)) - 1);
    }
    if (!last) return undefined;
    if (compareLocal(last, startWall) > 0) return formatLocalDate(last);
    // DTEND equal to DTSTART (zero days) is common and still means one day; earlier is a mistake.
    return compareLocal(addDays(last, 1), startWall) < 0 ? bad() : undefined;
  }
  let endWall: LocalDateTime | undefined;
  if (raw.dtend) endWall = raw.dtend.allDay ? atTime(raw.dtend.date) : wallIn(raw.dtend, zone);
  else if (raw.duration) endWall = addDuration(startWall, raw.duration);
  if (!endWall) return undefined;
  const cmp = compareLocal(endWall, startWall);
  return cmp > 0 ? formatLocalDateTime(endWall) : cmp < 0 ? bad() : undefined;
}

/** Groups masters and RECURRENCE-ID instances by UID and normalises everything into the master's zone. */
export function assemble(raws: RawEvent[], calendarZone: string, readerZone: string, warn: (w: IcsWarning) => void): IcsEvent[] {
  const masters = new Map<string, RawEvent>();
  const instances = new Map<string, RawEvent[]>();
  for (const raw of raws) {
    if (raw.recurrenceId) {
      const list = instances.get(raw.uid);
      if (list) list.push(raw);
      else instances.set(raw.uid, [raw]);
      continue;
    }
    const existing = masters.get(raw.uid);
    if (existing) {
      warn({
        severity: 'warning',
        code: 'duplicate-uid',
        message: `UID ${raw.uid} appears twice; kept the one with the higher SEQUENCE`,
        line: raw.line,
        uid: raw.uid,
      });
      if (raw.sequence <= existing.sequence) continue;
    }
    masters.set(raw.uid, raw);
  }

  const events: IcsEvent[] = [];
  const build = (raw: RawEvent, uid: string, children: RawEvent[]): IcsEvent => {
    const allDay = raw.start.allDay;
    // A DATE is floating (RFC 5545 §3.3.4): the same calendar day for every reader, so it is not
    // tied to the feed's X-WR-TIMEZONE. UTC is how many exporters write single timed events;
    // show those in the calendar's zone.
    let zone = raw.start.allDay ? readerZone : raw.start.zone;
    if (zone === 'UTC' && !raw.rrule) zone = calendarZone;
    const startWall = raw.start.allDay ? atTime(raw.start.date) : wallIn(raw.start, zone);
    const start = allDay ? formatLocalDate(startWall) : formatLocalDateTime(startWall);
    const end = endOf(raw, startWall, allDay, zone, warn);
    const overrides: IcsOverride[] = [];
    // The same occurrence changed twice: the higher SEQUENCE wins, as for series.
    const seen = new Map<string, { index: number; sequence: number }>();
    for (const child of children) {
      const recurrenceId = valueIn(child.recurrenceId!, allDay, zone, allDay ? undefined : startWall);
      // A timed occurrence moved to a whole day becomes a date; the reverse has no zone to read it in.
      const childAllDay = child.start.allDay;
      const childStart = childAllDay === allDay || childAllDay ? child.start : undefined;
      const childStartWall = childStart ? (childStart.allDay ? atTime(childStart.date) : wallIn(childStart, zone)) : undefined;
      const childEnd = childStartWall ? endOf(child, childStartWall, childAllDay, zone, warn) : undefined;
      const o: IcsOverride = {
        recurrenceId,
        start: childStartWall ? (childAllDay ? formatLocalDate(childStartWall) : formatLocalDateTime(childStartWall)) : recurrenceId,
        line: child.line,
        ...(childEnd && { end: childEnd }),
        ...(child.status && { status: child.status }),
        ...(child.text.summary && { summary: child.text.summary }),
        ...(child.text.description && { description: child.text.description }),
        ...(child.text.location && { location: child.text.location }),
        ...(child.text.comment && { comment: child.text.comment }),
        ...(child.thisAndFuture && { thisAndFuture: true }),
      };
      const at = seen.get(recurrenceId);
      if (!at) {
        seen.set(recurrenceId, { index: overrides.length, sequence: child.sequence });
        overrides.push(o);
      } else if (child.sequence >= at.sequence) {
        overrides[at.index] = o;
        at.sequence = child.sequence;
      }
    }
    return {
      uid,
      line: raw.line,
      sequence: raw.sequence,
      ...raw.text,
      categories: raw.categories,
      ...(raw.status && { status: raw.status }),
      timeZone: zone,
      allDay,
      start,
      ...(end && { end }),
      ...(raw.rrule && { rrule: raw.rrule }),
      exdates: raw.exdates.map((r) => valueIn(r, allDay, zone)),
      rdates: raw.rdates.map((r) => valueIn(r, allDay, zone)),
      overrides,
    };
  };

  for (const [uid, raw] of masters) events.push(build(raw, uid, instances.get(uid) ?? []));
  for (const [uid, orphans] of instances) {
    if (masters.has(uid)) continue;
    // Instances without their series (a shared single occurrence): each stands on its own.
    warn({
      severity: 'info',
      code: 'orphan-override',
      message: `UID ${uid} has changed occurrences but no series; shown as single events`,
      uid,
    });
    for (const raw of orphans) {
      const { recurrenceId, ...single } = raw;
      const id = `${uid}#${valueIn(recurrenceId!, raw.start.allDay, raw.start.allDay ? readerZone : raw.start.zone)}`;
      events.push(build({ ...single, uid: id, exdates: [], rdates: [] }, id, []));
    }
  }
  return events.sort((a, b) => a.line - b.line);
}
