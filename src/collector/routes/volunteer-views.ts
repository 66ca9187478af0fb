/**
 * What the volunteer routes compute from the store: occurrences with counts (never
 * names), today's host, and a person's own sign-ups. Shared by the public and coordinator routes.
 */
import { dutchText, type LocalizedText } from '../../schema/localized-text.js';
import { startOfDay, toLocal } from '../../calendar/time-zone.js';
import { addDays, formatLocalDate, parseLocalDate } from '../../calendar/wall-clock.js';
import {
  DEFAULT_OFFER_HOURS,
  type HostTodayAnswer,
  type OwnSignup,
  type PublicRole,
  type PublicShiftOccurrence,
  type VolunteerRole,
  type VolunteerShift,
} from '../../schema/index.js';
import { remainingPlaces, waitingCount } from '../../volunteer/roster.js';
import { shiftOccurrences } from '../../volunteer/shifts.js';
import type { Site, Store, VolunteerItemRecord, ShiftSignupRecord } from '../store/types.js';
import { toSlotSignup } from '../store/volunteer/volunteer-common.js';

export const offerMsOf = (site: Site) => (site.settings.volunteer?.offerHours ?? DEFAULT_OFFER_HOURS) * 3_600_000;

export interface Catalogue {
  roles: (VolunteerItemRecord & { data: VolunteerRole })[];
  shifts: (VolunteerItemRecord & { data: VolunteerShift })[];
}

export async function loadCatalogue(store: Store, site: string): Promise<Catalogue> {
  const [roles, shifts] = await Promise.all([store.volunteer.listItems(site, 'role'), store.volunteer.listItems(site, 'shift')]);
  return {
    roles: (roles as Catalogue['roles']).sort((a, b) => a.data.position - b.data.position),
    shifts: shifts as Catalogue['shifts'],
  };
}

/** The shift's title: its own, else its role's name, with its translations (what visitors read). */
export function localTitleOf(catalogue: Catalogue, shiftId: string): LocalizedText {
  const shift = catalogue.shifts.find((s) => s.id === shiftId);
  if (!shift) return '';
  return shift.data.title ?? catalogue.roles.find((r) => r.id === shift.data.roleId)?.data.name ?? '';
}

/** The shift's title in Dutch (coordinators, exports, the day list). */
export const titleOf = (catalogue: Catalogue, shiftId: string): string => dutchText(localTitleOf(catalogue, shiftId));

export function publicRole(r: Catalogue['roles'][number]): PublicRole {
  const { name, whatYouDo, notAsked, timePerWeek, training, contactPerson, host } = r.data;
  return { id: r.id, name, whatYouDo, notAsked, timePerWeek, training, contactPerson, host };
}

/** Local dates `from` to `to` (inclusive) as instants in the site's zone. */
export function dayRange(site: Site, from: string, to: string): { fromMs: number; toMs: number } {
  return { fromMs: startOfDay(parseLocalDate(from)!, site.timeZone), toMs: startOfDay(addDays(parseLocalDate(to)!, 1), site.timeZone) };
}

export const todayIn = (site: Site, now: Date) => formatLocalDate(toLocal(now.getTime(), site.timeZone));

const slotKey = (shiftId: string, date: string) => `${shiftId}/${date}`;

/** Group sign-ups by occurrence. */
export function bySlot(signups: readonly ShiftSignupRecord[]): Map<string, ShiftSignupRecord[]> {
  const slots = new Map<string, ShiftSignupRecord[]>();
  for (const s of signups) {
    const key = slotKey(s.shiftId, s.date);
    slots.set(key, [...(slots.get(key) ?? []), s]);
  }
  return slots;
}

/** Occurrences that have not started, in `[fromMs, toMs)`, with places left and waitlist length. */
export async function publicOccurrences(
  store: Store,
  site: Site,
  catalogue: Catalogue,
  fromMs: number,
  toMs: number,
  now: Date,
): Promise<PublicShiftOccurrence[]> {
  const signups = bySlot(await store.volunteer.list(site.slug, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }));
  const out: PublicShiftOccurrence[] = [];
  for (const shift of catalogue.shifts) {
    for (const o of shiftOccurrences(shift.id, shift.data, site.timeZone, Math.max(fromMs, now.getTime()), toMs)) {
      if (o.startMs <= now.getTime()) continue;
      const rows = (signups.get(slotKey(shift.id, o.date)) ?? []).map(toSlotSignup);
      out.push({
        shiftId: shift.id,
        roleId: shift.data.roleId,
        title: localTitleOf(catalogue, shift.id),
        date: o.date,
        start: o.start,
        end: o.end,
        capacity: shift.data.capacity,
        remaining: remainingPlaces(rows, shift.data.capacity, now.getTime()),
        waitlist: waitingCount(rows),
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || dutchText(a.title).localeCompare(dutchText(b.title)));
}

/** Today's host shifts; a first name only when the site shows it and someone confirmed. */
export async function hostToday(store: Store, site: Site, catalogue: Catalogue, now: Date): Promise<HostTodayAnswer> {
  const date = todayIn(site, now);
  const { fromMs, toMs } = dayRange(site, date, date);
  const hostRoles = new Set(catalogue.roles.filter((r) => r.data.host).map((r) => r.id));
  const signups = bySlot(await store.volunteer.list(site.slug, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }));
  const hosts: HostTodayAnswer['hosts'] = [];
  for (const shift of catalogue.shifts) {
    if (!hostRoles.has(shift.data.roleId)) continue;
    for (const o of shiftOccurrences(shift.id, shift.data, site.timeZone, fromMs, toMs)) {
      if (o.date !== date) continue;
      const confirmed = (signups.get(slotKey(shift.id, o.date)) ?? []).filter((s) => s.status === 'confirmed');
      const first = confirmed[0];
      hosts.push({
        shiftId: shift.id,
        title: localTitleOf(catalogue, shift.id),
        start: o.start,
        end: o.end,
        filled: confirmed.length > 0,
        ...(first && site.settings.volunteer?.showHostName ? { firstName: first.firstName } : {}),
      });
    }
  }
  return { timeZone: site.timeZone, date, hosts: hosts.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) };
}

export function ownSignup(s: ShiftSignupRecord, catalogue: Catalogue): OwnSignup {
  return {
    id: s.id,
    shiftId: s.shiftId,
    title: localTitleOf(catalogue, s.shiftId),
    date: s.date,
    start: s.startAt,
    end: s.endAt,
    status: s.status,
    offerExpiresAt: s.status === 'offered' ? s.offerExpiresAt : null,
  };
}
