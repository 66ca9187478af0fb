/**
 * Property test: for random rules with all-day and timed starts around the DST changes, in
 * random item and site zones, with excluded, moved, cancelled and "this and future" occurrences,
 * the widget shows the same occurrences on every day whether it expands the items itself
 * (inline JSON, ICS feeds) or shows what the collector expanded for a range. Both go through
 * their own readers (the collector's zod schema, the widget's JSON reader) and share the engine
 * in `src/calendar`. All-day occurrences land on their own dates only, whatever the zones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand, expandDays as collectorExpand } from '../../src/activities/recurrence.js';
import { addDays, formatLocalDate, parseLocalDate, parseLocalValue, type LocalDate } from '../../src/calendar/wall-clock.js';
import { activitySchema, type Occurrence } from '../../src/schema/activity.js';
import { occurrenceWalls, wallsTouch } from '../../src/activities/days.js';
import { readOccurrences } from '../../src/activities/items.js';
import { expandDays as widgetExpand, readSchedule } from '../../src/activities/schedule.js';

const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'Etc/GMT',
  'America/Los_Angeles',
];
const DAYS = 50;

const p2 = (n: number) => String(n).padStart(2, '0');
const shiftWall = (value: string, minutes: number): string => {
  const v = parseLocalValue(value)!;
  const base = v.kind === 'date' ? { ...v.date, hour: 0, minute: 0, second: 0 } : v.dateTime;
  const d = new Date(Date.UTC(base.year, base.month - 1, base.day, base.hour, base.minute + minutes));
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return v.kind === 'date' ? date : `${date}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
};

const itemArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    allDay: fc.boolean(),
    // Around the spring and autumn changes of both hemispheres.
    day: fc.constantFrom('2026-03-25', '2026-03-29', '2026-04-04', '2026-10-03', '2026-10-24', '2026-10-31', '2026-11-01'),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 30),
    length: fc.integer({ min: 0, max: 3 }),
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    count: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
    byDay: fc.option(fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }), { nil: undefined }),
    changes: fc.array(
      fc.record({
        slot: fc.integer({ min: 0, max: 12 }),
        kind: fc.constantFrom('exdate', 'cancel', 'move', 'retitle', 'future'),
        minutes: fc.integer({ min: -3000, max: 3000 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((g) => {
    const start = g.allDay ? g.day : `${g.day}T${p2(g.hour)}:${p2(g.minute)}`;
    const end = g.allDay ? (g.length ? shiftWall(start, g.length * 1440) : undefined) : shiftWall(start, 30 + g.length * 90);
    const rrule = [
      `FREQ=${g.freq}`,
      `INTERVAL=${g.interval}`,
      ...(g.count ? [`COUNT=${g.count}`] : []),
      ...(g.byDay && g.freq === 'WEEKLY' ? [`BYDAY=${g.byDay.join(',')}`] : []),
    ].join(';');
    const plain = {
      kind: 'activity' as const,
      id: 'a',
      title: 'Inloop',
      timeZone: g.zone,
      allDay: g.allDay,
      start,
      ...(end && { end }),
      recurrence: { rrule },
    };
    // The slots the rule makes, as keys for the changes (all-day keys are dates).
    const slots = expand(activitySchema.parse(plain), Date.parse('2026-01-01T00:00Z'), Date.parse('2027-06-01T00:00Z'), {
      maxOccurrences: 13,
    }).map((o) => o.recurrenceId);
    const exdates: string[] = [];
    const overrides = new Map<string, Record<string, unknown>>();
    for (const c of g.changes) {
      const rid = slots[c.slot];
      if (!rid || overrides.has(rid) || exdates.includes(rid)) continue;
      const id = g.allDay ? rid : rid.slice(0, 16);
      if (c.kind === 'exdate') exdates.push(id);
      else if (c.kind === 'cancel') overrides.set(rid, { recurrenceId: id, status: 'gaat-niet-door' });
      else if (c.kind === 'retitle') overrides.set(rid, { recurrenceId: id, title: 'Anders' });
      else
        overrides.set(rid, {
          recurrenceId: id,
          start: shiftWall(id, g.allDay ? Math.round(c.minutes / 1440) * 1440 : c.minutes),
          ...(c.kind === 'future' && { thisAndFuture: true, title: 'Nieuw' }),
        });
    }
    return { ...plain, recurrence: { rrule, exdates }, overrides: [...overrides.values()] };
  });

const key = (o: Occurrence) => `${o.recurrenceId}|${o.start}|${o.end ?? ''}|${o.status}|${o.title ?? ''}`;

describe('widget and collector expand alike', () => {
  it('show the same occurrences on every day, all-day ones on their own dates only (property)', () => {
    fc.assert(
      fc.property(itemArb, fc.constantFrom(...ZONES), (input, siteZone) => {
        const stored = activitySchema.parse(input);
        const first = parseLocalDate(input.start.slice(0, 10))!;
        const from = addDays(first, -3);
        const to = addDays(from, DAYS);
        // The collector: its schema, then the range expanded; the JSON answer read by the widget.
        const answer = JSON.parse(JSON.stringify(collectorExpand([stored], from, to, siteZone, { maxOccurrences: 1600 }))) as unknown[];
        const problems: string[] = [];
        const served = readOccurrences(answer, problems);
        expect(problems).toEqual([]);
        // The widget on its own: the stored item as inline JSON, read by its reader.
        const { items } = readSchedule(JSON.parse(JSON.stringify([stored])));
        expect(items).toHaveLength(1);
        for (let day: LocalDate = from; formatLocalDate(day) !== formatLocalDate(to); day = addDays(day, 1)) {
          const next = addDays(day, 1);
          const fromServed = served
            .filter((o) => wallsTouch(occurrenceWalls(o, siteZone), day, next))
            .map(key)
            .sort();
          const local = widgetExpand(items, day, next, siteZone).map(key).sort();
          expect(local, formatLocalDate(day)).toEqual(fromServed);
          for (const o of served.filter((x) => x.allDay)) {
            // Floating: shown exactly on the dates from its start to its (inclusive) last day.
            const last = o.end ? formatLocalDate(addDays(parseLocalDate(o.end.slice(0, 10))!, -1)) : o.start.slice(0, 10);
            const on = formatLocalDate(day) >= o.start.slice(0, 10) && formatLocalDate(day) <= last;
            expect(wallsTouch(occurrenceWalls(o, siteZone), day, next), `${o.recurrenceId} on ${formatLocalDate(day)}`).toBe(on);
          }
        }
        // All-day starts are the site's midnights, whatever zone the item names.
        for (const o of served.filter((x) => x.allDay)) expect(o.timeZone).toBe(siteZone);
      }),
      { numRuns: 60 },
    );
  });
});
