import { describe, expect, it } from 'vitest';
import {
  activitySchema,
  AUDIENCE_TAGS,
  occurrenceSchema,
  openingHoursSchema,
  rruleSchema,
  scheduleItemSchema,
  toFieldIssues,
  type ActivityInput,
} from '../../src/schema/index.js';

function paths(result: { success: boolean; error?: unknown }): string[] {
  if (result.success) return [];
  return toFieldIssues(result.error as Parameters<typeof toFieldIssues>[0]).map((i) => i.path);
}

const minimal: ActivityInput = { id: 'samen-koken', title: 'Samen koken', start: '2026-01-06T10:00', end: '2026-01-06T12:00' };

const huiskamer: ActivityInput = {
  id: '0190f0c4-1b2c-7d3e-8f40-123456789abc',
  title: '  Huiskamerproject  ',
  description: 'Spelletjes en ervaringen delen.\nKom gerust binnen.',
  timeZone: 'Europe/Amsterdam',
  start: '2026-01-07T13:30',
  end: '2026-01-07T15:30',
  recurrence: {
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    exdates: ['2026-04-01T13:30', '2026-12-30'],
    pauses: [{ from: '07-13', to: '08-23', label: 'Zomerstop' }],
  },
  overrides: [{ recurrenceId: '2026-02-04T13:30', status: 'gaat-niet-door', statusReason: 'Begeleider ziek' }],
  location: 'Buurthuis De Linde',
  room: 'Huiskamer',
  category: 'ontmoeten',
  audience: ['mensen-met-een-beperking', 'naasten'],
  cost: { kind: 'contribution', amount: 250 },
  fundingNote: 'Betaald uit het wijkbudget',
  accessibility: ['rolstoeltoegankelijk', 'ringleiding'],
  organiser: 'Jan Willem',
  hostOrganisation: 'Stichting Samen',
  present: [{ role: 'wijkagent' }, { role: 'anders', name: 'Iemand van de bibliotheek' }],
  newcomers: { contactName: 'Fatima', contact: '06-12345678' },
  registration: { kind: 'capacity', capacity: 12 },
  url: 'https://delinde.example/huiskamer',
};

describe('activity schema', () => {
  it('fills defaults for a minimal activity', () => {
    expect(activitySchema.parse(minimal)).toEqual({
      ...minimal,
      kind: 'activity',
      timeZone: 'Europe/Amsterdam',
      allDay: false,
      status: 'gaat-door',
      overrides: [],
      present: [],
      audience: [],
      accessibility: [],
    });
  });

  it('accepts a full activity, trims text and defaults currency and recurrence lists', () => {
    const parsed = activitySchema.parse(huiskamer);
    expect(parsed.title).toBe('Huiskamerproject');
    expect(parsed.cost).toEqual({ kind: 'contribution', amount: 250, currency: 'EUR' });
    expect(parsed.recurrence).toEqual({ ...huiskamer.recurrence, rdates: [] });
  });

  it('accepts all-day items with an inclusive last day', () => {
    const halloween = { id: 'halloween', title: 'Halloweenfeest', allDay: true, start: '2026-10-31', recurrence: { rrule: 'FREQ=YEARLY' } };
    expect(activitySchema.safeParse(halloween).success).toBe(true);
    expect(activitySchema.safeParse({ ...halloween, end: '2026-10-31' }).success).toBe(true);
    expect(paths(activitySchema.safeParse({ ...halloween, end: '2026-10-30' }))).toEqual(['end']);
    expect(paths(activitySchema.safeParse({ ...halloween, start: '2026-10-31T18:00' }))).toEqual(['start']);
  });

  it.each([
    ['start', { start: '2026-13-01T10:00' }],
    ['start', { start: '2026-01-06T10:00+01:00' }],
    ['end', { end: '2026-01-06T09:00' }],
    ['end', { end: '2026-01-06T10:00' }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(121) }],
    ['id', { id: 'a\nb' }],
    ['recurrence.rrule', { recurrence: { rrule: 'FREQ=HOURLY' } }],
    ['recurrence.rrule', { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=XX' } }],
    ['recurrence.rdates.0', { recurrence: { rdates: ['2026-01-07'] } }],
    ['recurrence.pauses.0.to', { recurrence: { pauses: [{ from: '2026-08-01', to: '2026-07-01' }] } }],
    ['recurrence.pauses.0.to', { recurrence: { pauses: [{ from: '07-01', to: '2026-08-01' }] } }],
    ['recurrence.pauses.0.from', { recurrence: { pauses: [{ from: '02-30', to: '03-01' }] } }],
    ['overrides.1.recurrenceId', { overrides: [{ recurrenceId: '2026-01-13T10:00' }, { recurrenceId: '2026-01-13T10:00:00' }] }],
    // A timed occurrence may move to a whole day (a date); an all-day one cannot take a time.
    [
      'overrides.0.start',
      { allDay: true, start: '2026-01-06', end: '2026-01-06', overrides: [{ recurrenceId: '2026-01-13', start: '2026-01-14T10:00' }] },
    ],
    ['overrides.0.end', { overrides: [{ recurrenceId: '2026-01-13T10:00', start: '2026-01-14', end: '2026-01-14T12:00' }] }],
    ['cost.amount', { cost: { kind: 'amount', amount: 2.5 } }],
    ['cost.currency', { cost: { kind: 'amount', amount: 250, currency: 'USD' } }],
    ['audience.0', { audience: ['katten'] }],
    ['registration.url', { registration: { kind: 'link', url: 'javascript:alert(1)' } }],
    ['registration.capacity', { registration: { kind: 'capacity', capacity: 0 } }],
    ['present.0.name', { present: [{ role: 'anders' }] }],
    ['newcomers.contactName', { newcomers: { contactName: ' ' } }],
    ['', { colour: 'red' }],
  ])('reports %s', (path, patch) => {
    expect(paths(activitySchema.safeParse({ ...minimal, ...patch }))).toContain(path);
  });

  it('keeps its audience tags in one list shared with the widget', () => {
    expect(AUDIENCE_TAGS).toContain('mensen-met-een-beperking');
    expect(AUDIENCE_TAGS).toContain('anderstaligen');
  });
});

describe('opening hours and schedule items', () => {
  const inloop = {
    kind: 'opening-hours' as const,
    id: 'inloop',
    title: 'Inloop',
    start: '2026-01-05T10:00',
    end: '2026-01-05T12:00',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    present: [{ role: 'budgetcoach' as const }],
  };

  it('is its own kind without activity-only fields', () => {
    expect(openingHoursSchema.parse(inloop).kind).toBe('opening-hours');
    expect(paths(openingHoursSchema.safeParse({ ...inloop, cost: { kind: 'free' } }))).toEqual(['']);
  });

  it('tells the kinds apart in a schedule item', () => {
    expect(scheduleItemSchema.parse(inloop).kind).toBe('opening-hours');
    expect(scheduleItemSchema.parse(minimal).kind).toBe('activity');
  });

  it('checks rules on their own too', () => {
    expect(rruleSchema.safeParse('FREQ=MONTHLY;BYDAY=1WE').success).toBe(true);
    expect(rruleSchema.safeParse('FREQ=MONTHLY;BYDAY=-1FR').success).toBe(true);
    expect(rruleSchema.safeParse('FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31').success).toBe(true);
    expect(rruleSchema.safeParse('FREQ=WEEKLY;INTERVAL=0').success).toBe(false);
  });
});

describe('occurrence schema', () => {
  it('accepts ISO instants with offsets', () => {
    const occ = {
      activityId: 'inloop',
      kind: 'opening-hours',
      recurrenceId: '2026-03-30T10:00:00',
      start: '2026-03-30T10:00:00+02:00',
      end: '2026-03-30T12:00:00+02:00',
      allDay: false,
      timeZone: 'Europe/Amsterdam',
      status: 'gaat-door',
      overridden: false,
    };
    expect(occurrenceSchema.parse(occ)).toEqual(occ);
    expect(occurrenceSchema.safeParse({ ...occ, start: '2026-03-30T10:00:00' }).success).toBe(false);
  });
});
