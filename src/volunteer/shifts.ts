/**
 * Shift occurrences from a shift's schedule, with the activity calendar's recurrence engine: an
 * occurrence is keyed by the shift id and the local date it starts on.
 */
import { expand } from '../activities/recurrence.js';
import { startOfDay } from '../calendar/time-zone.js';
import { addDays, parseLocalDate } from '../calendar/wall-clock.js';
import type { VolunteerShift } from '../schema/volunteer.js';

export interface ShiftOccurrence {
  shiftId: string;
  /** Local start date, `YYYY-MM-DD`. */
  date: string;
  /** ISO 8601 with the zone's offset. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
}

/** Occurrences of a shift that overlap `[fromMs, toMs)`, in order; at most `max`. */
export function shiftOccurrences(
  id: string,
  shift: VolunteerShift,
  siteZone: string,
  fromMs: number,
  toMs: number,
  max = 400,
): ShiftOccurrence[] {
  const item = {
    id,
    start: shift.start,
    end: shift.end,
    timeZone: shift.timeZone ?? siteZone,
    recurrence: shift.recurrence,
  };
  return expand(item, fromMs, toMs, { maxOccurrences: max }).flatMap((o) =>
    o.status === 'gaat-niet-door' || o.end === undefined
      ? []
      : [
          {
            shiftId: id,
            date: o.recurrenceId.slice(0, 10),
            start: o.start,
            end: o.end,
            startMs: Date.parse(o.start),
            endMs: Date.parse(o.end),
          },
        ],
  );
}

/** The occurrence of a shift that starts on a local date, if there is one. */
export function occurrenceOn(id: string, shift: VolunteerShift, siteZone: string, date: string): ShiftOccurrence | undefined {
  const day = parseLocalDate(date);
  if (!day) return undefined;
  const zone = shift.timeZone ?? siteZone;
  const from = startOfDay(day, zone);
  const to = startOfDay(addDays(day, 1), zone);
  return shiftOccurrences(id, shift, siteZone, from, to).find((o) => o.date === date);
}
