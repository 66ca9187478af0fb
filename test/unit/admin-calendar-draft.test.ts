/** The coordinator's calendar form as data: rules it can make and read, and items it writes. */
import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftOf,
  fieldOfPath,
  itemOf,
  newDraft,
  nthWeekday,
  parseEuros,
  readRepeat,
  ruleOf,
} from '../../src/admin/calendar/calendar-draft.js';
import { activitySchema, openingHoursSchema } from '../../src/schema/activity.js';

describe('calendar form data', () => {
  it('makes rules from the start date: weekly days, every other week, the nth or last weekday', () => {
    const d = { date: '2026-04-01', weekdays: [] as never[] }; // a Wednesday, the first of the month
    expect(ruleOf({ ...d, repeat: 'weekly', weekdays: ['MO', 'FR'] })).toBe('FREQ=WEEKLY;BYDAY=MO,WE,FR');
    expect(ruleOf({ ...d, repeat: 'biweekly' })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
    expect(ruleOf({ ...d, repeat: 'monthly' })).toBe('FREQ=MONTHLY;BYDAY=1WE');
    expect(ruleOf({ ...d, date: '2026-04-29', repeat: 'monthly' })).toBe('FREQ=MONTHLY;BYDAY=-1WE');
    expect(ruleOf({ ...d, repeat: 'none' })).toBeUndefined();
    expect(ruleOf({ ...d, repeat: 'custom' }, 'FREQ=YEARLY')).toBe('FREQ=YEARLY');
    expect(nthWeekday({ year: 2026, month: 4, day: 22 })).toBe(4);
  });

  it('reads back what it makes, and calls anything else custom', () => {
    expect(readRepeat('FREQ=WEEKLY;BYDAY=MO,TU')).toEqual({ repeat: 'weekly', weekdays: ['MO', 'TU'] });
    expect(readRepeat('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR')).toEqual({ repeat: 'biweekly', weekdays: ['FR'] });
    expect(readRepeat('FREQ=MONTHLY;BYDAY=-1SU').repeat).toBe('monthly');
    expect(readRepeat('FREQ=YEARLY').repeat).toBe('custom');
    expect(readRepeat('FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231').repeat).toBe('custom');
    expect(readRepeat(undefined).repeat).toBe('none');
  });

  it('parses euro amounts as cents', () => {
    expect(parseEuros('2,50')).toBe(250);
    expect(parseEuros('€ 3')).toBe(300);
    expect(parseEuros('1.5')).toBe(150);
    expect(parseEuros('twee')).toBeUndefined();
  });

  it('edits English and Arabic next to the Dutch, keeps translations it does not show, and drops those of an emptied text', () => {
    const stored = activitySchema.parse({
      id: 't',
      title: 'Koffieochtend',
      description: 'Koffie en een praatje',
      start: '2026-04-07T10:00',
      fundingNote: 'Betaald door het fonds',
      translations: { en: { title: 'Coffee morning', fundingNote: 'Paid by the fund' }, ar: { title: 'صباح القهوة' } },
    });
    const draft = draftOf(stored);
    expect(draft.textsIn?.title).toEqual({ en: 'Coffee morning', ar: 'صباح القهوة' });
    expect(draft.textsIn?.description).toEqual({ en: '', ar: '' });
    const edited = {
      ...draft,
      description: '',
      textsIn: {
        ...draft.textsIn,
        title: { en: ' Coffee morning ', ar: '' },
        description: { en: 'Coffee and a chat', ar: '' },
        location: { en: '', ar: 'القاعة' },
      },
    };
    const again = activitySchema.parse({ ...itemOf({ ...edited, location: 'Zaal 1' }, stored), id: 't' });
    // The description's Dutch was emptied, so its English goes too; the costs note's English stays.
    expect(again.translations).toEqual({ en: { title: 'Coffee morning', fundingNote: 'Paid by the fund' }, ar: { location: 'القاعة' } });
    const plain = itemOf({ ...newDraft('activity', '2026-04-06'), title: 'Breien' });
    expect(plain).not.toHaveProperty('translations');
  });

  it('writes items the schema accepts, and keeps fields it does not show', () => {
    const stored = activitySchema.parse({
      id: 'x',
      title: 'Koken',
      start: '2026-04-07T17:00',
      end: '2026-04-07T20:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', exdates: ['2026-04-14'] },
      overrides: [
        { recurrenceId: '2026-04-21T17:00', status: 'gaat-niet-door', statusReason: 'Verf' },
        { recurrenceId: '2026-04-28T17:00', start: '2026-04-29T17:00', end: '2026-04-29T20:00' },
      ],
      organiser: 'Henk',
      cost: { kind: 'amount', amount: 250 },
      registration: { kind: 'link', url: 'https://example.org' },
    });
    const draft = draftOf(stored);
    expect(draft).toMatchObject({
      repeat: 'weekly',
      weekdays: ['TU'],
      exceptions: ['2026-04-14'],
      cost: 'amount',
      amount: '2,50',
      capacity: '',
    });
    expect(draft.cancellations).toEqual([{ date: '2026-04-21', reason: 'Verf' }]);
    const body = itemOf({ ...draft, title: 'Samen koken', cancellations: [] }, stored);
    const again = activitySchema.parse({ ...body, id: 'x' });
    expect(again).toMatchObject({
      title: 'Samen koken',
      organiser: 'Henk',
      registration: { kind: 'link' },
      cost: { kind: 'amount', amount: 250 },
    });
    expect(again.overrides).toEqual([{ recurrenceId: '2026-04-28T17:00', start: '2026-04-29T17:00', end: '2026-04-29T20:00' }]);
    const hours = itemOf({
      ...newDraft('opening-hours', '2026-04-06'),
      title: 'Inloop',
      weekdays: ['TU', 'WE', 'TH', 'FR'],
      capacity: '5',
    });
    expect(openingHoursSchema.parse({ ...hours, id: 'y' }).recurrence!.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(hours).not.toHaveProperty('registration');
  });

  it('checks what it can before sending, and maps collector paths to fields', () => {
    const keys = checkDraft({
      ...newDraft('activity', 'nope'),
      startTime: '14:00',
      endTime: '13:00',
      cost: 'amount',
      amount: 'x',
      capacity: '0',
    }).map((i) => `${i.field}:${i.key}`);
    expect(keys).toEqual(['title:required', 'date:required', 'endTime:endBeforeStart', 'amount:invalidAmount', 'capacity:invalidCapacity']);
    expect(fieldOfPath('recurrence.exdates.0')).toBe('exceptions');
    expect(fieldOfPath('registration.capacity')).toBe('capacity');
    expect(fieldOfPath('title')).toBe('title');
  });
});
