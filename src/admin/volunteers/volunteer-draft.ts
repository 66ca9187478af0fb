/**
 * The coordinator's role and shift forms as plain data: a stored
 * role or shift ⇄ what the forms edit. Pure and DOM-free. Shift recurrence is offered as in the
 * calendar form (once, weekly on chosen days, every other week, monthly by weekday; another stored
 * rule stays as it is); extra dates and pauses of a stored shift are carried over unchanged.
 */
import { dutchText, localizedOf } from '../../schema/localized-text.js';
import { draftText, noTranslations, type DraftTranslations } from '../polls/poll-draft.js';
import { parseLocalDate } from '../../calendar/wall-clock.js';
import type { VolunteerRole, VolunteerRoleInput, VolunteerShift, VolunteerShiftInput } from '../../schema/volunteer.js';
import { VOLUNTEER_CAPACITY_MAX } from '../../schema/volunteer-constants.js';
import { readRepeat, ruleOf, type DraftIssue, type Repeat, type WeekdayCode } from '../calendar/calendar-draft.js';

/** The role's free texts, in the form's order. */
export const ROLE_TEXTS = ['whatYouDo', 'notAsked', 'timePerWeek', 'training', 'contactPerson'] as const;
export type RoleText = (typeof ROLE_TEXTS)[number];

/** `nameIn`, `whatYouDoIn`, `notAskedIn` …: the English and Arabic of each text, edited next to the Dutch. */
export type RoleDraft = { name: string; host: boolean; position: string; nameIn?: DraftTranslations } & Record<RoleText, string> &
  Partial<Record<`${RoleText}In`, DraftTranslations>>;

export interface ShiftDraft {
  roleId: string;
  /** Empty: the role's name. */
  title: string;
  /** The title's English and Arabic, edited next to the Dutch. */
  titleIn?: DraftTranslations;
  /** `YYYY-MM-DD`: the first (or only) time. */
  date: string;
  startTime: string;
  endTime: string;
  repeat: Repeat;
  weekdays: WeekdayCode[];
  /** Dates without the shift (EXDATE, whole days). */
  exceptions: string[];
  capacity: string;
  /** Empty: the site's zone. */
  timeZone: string;
}

export function newRoleDraft(): RoleDraft {
  return <RoleDraft>{
    name: '',
    nameIn: noTranslations(),
    ...Object.fromEntries(
      ROLE_TEXTS.flatMap((k) => [
        [k, ''],
        [`${k}In`, noTranslations()],
      ]),
    ),
    host: false,
    position: '0',
  };
}

export function roleDraftOf(role: VolunteerRole): RoleDraft {
  const texts = Object.fromEntries(
    ROLE_TEXTS.flatMap((k) => [
      [k, draftText(role[k])[0]],
      [`${k}In`, draftText(role[k])[1]],
    ]),
  ) as Record<RoleText, string>;
  const [name, nameIn] = draftText(role.name);
  return { name, nameIn, ...texts, host: role.host, position: String(role.position) };
}

/** The body to send; empty texts left out, so they are cleared. */
export function roleOfDraft(d: RoleDraft): VolunteerRoleInput {
  const texts = Object.fromEntries(
    ROLE_TEXTS.filter((k) => d[k].trim()).map((k) => [k, localizedOf(d[k], d[`${k}In`]?.en, d[`${k}In`]?.ar)]),
  );
  return { name: localizedOf(d.name, d.nameIn?.en, d.nameIn?.ar), ...texts, host: d.host, position: Number(d.position.trim() || '0') };
}

export function checkRoleDraft(d: RoleDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!d.name.trim()) issues.push({ field: 'name', key: 'required' });
  if (d.position.trim() && !/^\d{1,4}$/.test(d.position.trim())) issues.push({ field: 'position', key: 'invalidCapacity' });
  return issues;
}

export function newShiftDraft(date: string, roleId = ''): ShiftDraft {
  return {
    roleId,
    title: '',
    titleIn: noTranslations(),
    date,
    startTime: '10:00',
    endTime: '12:00',
    repeat: 'weekly',
    weekdays: [],
    exceptions: [],
    capacity: '1',
    timeZone: '',
  };
}

export function shiftDraftOf(shift: VolunteerShift): ShiftDraft {
  const { repeat, weekdays } = readRepeat(shift.recurrence?.rrule);
  return {
    roleId: shift.roleId,
    title: draftText(shift.title)[0],
    titleIn: draftText(shift.title)[1],
    date: shift.start.slice(0, 10),
    startTime: shift.start.slice(11, 16),
    endTime: shift.end.slice(11, 16),
    repeat,
    weekdays,
    exceptions: (shift.recurrence?.exdates ?? []).map((x) => x.slice(0, 10)),
    capacity: String(shift.capacity),
    timeZone: shift.timeZone ?? '',
  };
}

/** The body to send: the stored shift's extra dates and pauses stay. */
export function shiftOfDraft(d: ShiftDraft, stored?: VolunteerShift): VolunteerShiftInput {
  const rrule = ruleOf(d, stored?.recurrence?.rrule);
  const { rrule: _old, ...kept } = stored?.recurrence ?? { rdates: [] };
  const exdates = [...new Set(d.exceptions.filter((x) => parseLocalDate(x)))].sort();
  const recurrence = rrule || kept.rdates.length ? { ...kept, ...(rrule && { rrule }), exdates } : undefined;
  const shift: VolunteerShiftInput = {
    roleId: d.roleId,
    start: `${d.date}T${d.startTime}`,
    end: `${d.date}T${d.endTime}`,
    capacity: Number(d.capacity.trim()),
  };
  if (d.title.trim()) shift.title = localizedOf(d.title, d.titleIn?.en, d.titleIn?.ar);
  if (d.timeZone.trim()) shift.timeZone = d.timeZone.trim();
  if (recurrence) shift.recurrence = recurrence;
  return shift;
}

/** What the browser checks before sending (the collector checks everything again). */
export function checkShiftDraft(d: ShiftDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const time = /^\d{2}:\d{2}$/;
  if (!d.roleId) issues.push({ field: 'roleId', key: 'required' });
  if (!parseLocalDate(d.date)) issues.push({ field: 'date', key: 'required' });
  if (!time.test(d.startTime)) issues.push({ field: 'startTime', key: 'required' });
  if (!time.test(d.endTime)) issues.push({ field: 'endTime', key: 'required' });
  else if (d.endTime <= d.startTime) issues.push({ field: 'endTime', key: 'endBeforeStart' });
  const capacity = d.capacity.trim();
  if (!/^\d{1,3}$/.test(capacity) || Number(capacity) < 1 || Number(capacity) > VOLUNTEER_CAPACITY_MAX) {
    issues.push({ field: 'capacity', key: 'invalidCapacity' });
  }
  return issues;
}

/** What a role or shift is called: a shift's own title, else its role's name. */
export function volunteerItemTitle(
  item: { kind: 'role' | 'shift'; data: VolunteerRole | VolunteerShift },
  roles: readonly { id: string; data: VolunteerRole }[],
): string {
  if ('name' in item.data) return dutchText(item.data.name);
  const shift = item.data;
  return shift.title !== undefined ? dutchText(shift.title) : dutchText(roles.find((r) => r.id === shift.roleId)?.data.name);
}
