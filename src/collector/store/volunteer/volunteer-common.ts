/** What both stores share for volunteer sign-ups: row shapes and the notification events. */
import { uuidv7 } from '../../../schema/ids.js';
import { reconcileSlot, type SlotSignup, type Transition } from '../../../volunteer/roster.js';
import { handledState } from '../projections.js';
import type { VolunteerNotification, ShiftSignupRecord } from '../types.js';

export const SIGNUP_COLUMNS = `id, site, submission_id, shift_id, date, start_at, end_at, first_name, contact, locale,
  status, position, offered_at, offer_expires_at, confirmed_at, cancelled_at, expired_at, attended, reminded_at, created_at,
  handled_at, handled_by`;

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toSignup(r: Row): ShiftSignupRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    submissionId: String(r.submission_id),
    shiftId: String(r.shift_id),
    date: String(r.date),
    startAt: String(r.start_at),
    endAt: String(r.end_at),
    firstName: String(r.first_name),
    contact: String(r.contact),
    locale: String(r.locale),
    status: r.status as ShiftSignupRecord['status'],
    position: Number(r.position),
    offeredAt: str(r.offered_at),
    offerExpiresAt: str(r.offer_expires_at),
    confirmedAt: str(r.confirmed_at),
    cancelledAt: str(r.cancelled_at),
    expiredAt: str(r.expired_at),
    attended: r.attended === null || r.attended === undefined ? null : Boolean(r.attended),
    remindedAt: str(r.reminded_at),
    createdAt: String(r.created_at),
    ...handledState(r),
  };
}

export function toSlotSignup(s: ShiftSignupRecord): SlotSignup {
  return {
    id: s.id,
    status: s.status,
    position: s.position,
    offerExpiresAt: s.offerExpiresAt === null ? null : Date.parse(s.offerExpiresAt),
  };
}

/** The transitions due on one occurrence's rows (all rows of that occurrence, any status). */
export function planSlot(rows: readonly ShiftSignupRecord[], capacity: number, now: string, offerMs: number): Transition[] {
  if (rows.length === 0) return [];
  return reconcileSlot(rows.map(toSlotSignup), { capacity, now: Date.parse(now), startsAt: Date.parse(rows[0]!.startAt), offerMs });
}

/** The event a webhook or mailer gets when a waitlisted person is offered a place. */
export function offerNotification(s: ShiftSignupRecord, now: string): VolunteerNotification {
  return signupNotification('offered', s, now);
}

/** An event about one sign-up: `offered` (promoted from the waitlist) or `reminder` (the shift is near). */
export function signupNotification(kind: VolunteerNotification['kind'], s: ShiftSignupRecord, now: string): VolunteerNotification {
  return {
    id: uuidv7(Date.parse(now)),
    site: s.site,
    kind,
    signupId: s.id,
    payload: {
      event: `volunteer.${kind}`,
      site: s.site,
      signupId: s.id,
      shiftId: s.shiftId,
      date: s.date,
      start: s.startAt,
      end: s.endAt,
      firstName: s.firstName,
      contact: s.contact,
      locale: s.locale,
      ...(kind === 'offered' && { offerExpiresAt: s.offerExpiresAt }),
    },
    createdAt: now,
    sentAt: null,
  };
}

/** The capacity of an occurrence is not stored with its rows; the caller looks it up per shift. */
export type CapacityOf = (shiftId: string) => number;
