/** The coordinator's role and shift forms as data: what they send passes the collector's schemas, and reads back. */
import { describe, expect, it } from 'vitest';
import {
  checkRoleDraft,
  checkShiftDraft,
  newRoleDraft,
  newShiftDraft,
  roleDraftOf,
  roleOfDraft,
  shiftDraftOf,
  shiftOfDraft,
  volunteerItemTitle,
} from '../../src/admin/volunteers/volunteer-draft.js';
import { volunteerRoleSchema, volunteerShiftSchema } from '../../src/schema/volunteer.js';

const ROLE_ID = '019a0000-0000-7000-8000-000000000001';

describe('volunteer role and shift form data', () => {
  it('writes a role the schema takes, empty texts left out, and reads it back', () => {
    const draft = { ...newRoleDraft(), name: ' Gastvrouw ', whatYouDo: 'Koffie zetten', training: '  ', host: true, position: '2' };
    const body = roleOfDraft(draft);
    expect(body).toEqual({ name: 'Gastvrouw', whatYouDo: 'Koffie zetten', host: true, position: 2 });
    const stored = volunteerRoleSchema.parse(body);
    expect(roleDraftOf(stored)).toEqual({ ...draft, name: 'Gastvrouw', training: '' });
    expect(checkRoleDraft(newRoleDraft())).toEqual([{ field: 'name', key: 'required' }]);
    // Translations next to the Dutch: written as {nl, en, ar}, read back into the same fields.
    const translated = { ...draft, nameIn: { en: 'Host', ar: 'مضيف' }, whatYouDoIn: { en: 'Making coffee', ar: '' } };
    const withTranslations = roleOfDraft(translated);
    expect(withTranslations).toMatchObject({
      name: { nl: 'Gastvrouw', en: 'Host', ar: 'مضيف' },
      whatYouDo: { nl: 'Koffie zetten', en: 'Making coffee' },
    });
    expect(roleDraftOf(volunteerRoleSchema.parse(withTranslations))).toEqual({ ...translated, name: 'Gastvrouw', training: '' });
    // Every text on the role's card has its translations, not only the name and what you do.
    const card = {
      ...draft,
      notAsked: 'Geen hulpverlening',
      notAskedIn: { en: 'No care work', ar: 'لا رعاية' },
      contactPerson: 'Natasja',
      contactPersonIn: { en: '', ar: 'ناتاشا' },
    };
    expect(roleOfDraft(card)).toMatchObject({
      notAsked: { nl: 'Geen hulpverlening', en: 'No care work', ar: 'لا رعاية' },
      contactPerson: { nl: 'Natasja', ar: 'ناتاشا' },
    });
    expect(roleDraftOf(volunteerRoleSchema.parse(roleOfDraft(card)))).toEqual({ ...card, name: 'Gastvrouw', training: '' });
    expect(checkRoleDraft({ ...draft, position: 'eerst' })).toEqual([{ field: 'position', key: 'invalidCapacity' }]);
  });

  it('writes a weekday shift with days off the schema takes, and reads it back', () => {
    const draft = {
      ...newShiftDraft('2026-11-23', ROLE_ID),
      startTime: '09:45',
      endTime: '12:15',
      weekdays: ['TU', 'WE', 'TH', 'FR'] as never[],
      exceptions: ['2026-12-25'],
      capacity: '3',
    };
    const body = shiftOfDraft(draft);
    expect(body).toEqual({
      roleId: ROLE_ID,
      start: '2026-11-23T09:45',
      end: '2026-11-23T12:15',
      capacity: 3,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', exdates: ['2026-12-25'], rdates: [] },
    });
    const stored = volunteerShiftSchema.parse(body);
    expect(shiftDraftOf(stored)).toEqual({ ...draft, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'] });
    // The shift's own title with its English and Arabic: written as {nl, en, ar}, read back into the same fields.
    const titled = { ...draft, title: 'Soep koken', titleIn: { en: 'Cooking soup', ar: 'طبخ الحساء' } };
    const withTitle = shiftOfDraft(titled);
    expect(withTitle.title).toEqual({ nl: 'Soep koken', en: 'Cooking soup', ar: 'طبخ الحساء' });
    expect(shiftDraftOf(volunteerShiftSchema.parse(withTitle))).toMatchObject({
      title: 'Soep koken',
      titleIn: { en: 'Cooking soup', ar: 'طبخ الحساء' },
    });
    expect(shiftOfDraft({ ...draft, title: 'Afwassen' }).title).toBe('Afwassen');
  });

  it('keeps a stored shift’s extra dates and pauses; once is no rule', () => {
    const stored = volunteerShiftSchema.parse({
      roleId: ROLE_ID,
      title: 'Kerstmarkt',
      start: '2026-12-19T13:00',
      end: '2026-12-19T17:00',
      capacity: 2,
      timeZone: 'Europe/Brussels',
      recurrence: { rrule: 'FREQ=YEARLY', rdates: ['2026-12-20T13:00'], pauses: [{ from: '07-01', to: '08-31' }] },
    });
    const draft = shiftDraftOf(stored);
    expect(draft).toMatchObject({ repeat: 'custom', title: 'Kerstmarkt', timeZone: 'Europe/Brussels' });
    expect(shiftOfDraft(draft, stored).recurrence).toEqual({ ...stored.recurrence });
    const once = shiftOfDraft({ ...draft, repeat: 'none' }, stored);
    expect(once.recurrence).toEqual({ rdates: ['2026-12-20T13:00'], pauses: stored.recurrence!.pauses, exdates: [] });
    expect(shiftOfDraft({ ...newShiftDraft('2026-12-19', ROLE_ID), repeat: 'none' }).recurrence).toBeUndefined();
  });

  it('checks the role, times and places before sending', () => {
    const bad = { ...newShiftDraft('2026-11-23'), startTime: '12:00', endTime: '11:00', capacity: '0' };
    expect(checkShiftDraft(bad)).toEqual([
      { field: 'roleId', key: 'required' },
      { field: 'endTime', key: 'endBeforeStart' },
      { field: 'capacity', key: 'invalidCapacity' },
    ]);
    expect(checkShiftDraft({ ...bad, roleId: ROLE_ID, endTime: '13:00', capacity: '501' })).toEqual([
      { field: 'capacity', key: 'invalidCapacity' },
    ]);
  });

  it('names a shift by its own title, else by its role', () => {
    const roles = [{ id: ROLE_ID, data: volunteerRoleSchema.parse({ name: 'Bardienst' }) }];
    const shift = volunteerShiftSchema.parse({ roleId: ROLE_ID, start: '2026-12-19T13:00', end: '2026-12-19T17:00', capacity: 2 });
    expect(volunteerItemTitle({ kind: 'shift', data: shift }, roles)).toBe('Bardienst');
    expect(volunteerItemTitle({ kind: 'shift', data: { ...shift, title: 'Kerstbar' } }, roles)).toBe('Kerstbar');
    expect(volunteerItemTitle({ kind: 'role', data: roles[0]!.data }, roles)).toBe('Bardienst');
  });
});
