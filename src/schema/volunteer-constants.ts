import type { LocalizedText } from './localized-text.js';

/**
 * Vocabulary of `<volunteer-signup>`, zod-free so the widget can import it.
 */

export const VOLUNTEER_NAME_MAX = 60;
export const VOLUNTEER_ROLE_NAME_MAX = 100;
export const VOLUNTEER_ROLE_TEXT_MAX = 1000;
export const VOLUNTEER_FREE_TEXT_MAX = 1000;
export const VOLUNTEER_CAPACITY_MAX = 500;
/** Most shift occurrences one sign-up may hold (Halloween needs many people, not many shifts each). */
export const VOLUNTEER_SHIFTS_PER_SIGNUP_MAX = 20;
/** How long a promoted person has to confirm, unless the site's `volunteer.offerHours` says otherwise. */
export const DEFAULT_OFFER_HOURS = 48;
export const OFFER_HOURS_MAX = 24 * 14;

/**
 * The personal cancel token: 32 random bytes, base64url, made in the browser so the link exists
 * even while the sign-up waits in the outbox. The collector stores only its SHA-256.
 */
export const CANCEL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Status of one person on one shift occurrence. `offered`: promoted from the waitlist, must confirm. */
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** Weekday parts for the general sign-up's availability, e.g. `ma-ochtend`. */
export const WEEKDAYS_NL = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export const DAY_PARTS = ['ochtend', 'middag', 'avond'] as const;
export type DayPart = (typeof DAY_PARTS)[number];
export type Availability = `${(typeof WEEKDAYS_NL)[number]}-${DayPart}`;
export const AVAILABILITY_SLOTS: readonly Availability[] = WEEKDAYS_NL.flatMap((d) => DAY_PARTS.map((p) => `${d}-${p}` as Availability));

/** Why someone wants to help; several may apply. */
export const VOLUNTEER_MOTIVATIONS = [
  'mensen-ontmoeten',
  'iets-te-doen',
  'werkervaring',
  'iets-terugdoen',
  'iets-leren',
  'anders',
] as const;
export type VolunteerMotivation = (typeof VOLUNTEER_MOTIVATIONS)[number];

// ---- what the public routes answer (types only; the widget reads these) -----------------------

/** A role as the public sees it. */
export interface PublicRole {
  id: string;
  /** Dutch, or Dutch with English and Arabic. */
  name: LocalizedText;
  whatYouDo?: LocalizedText | undefined;
  notAsked?: LocalizedText | undefined;
  timePerWeek?: LocalizedText | undefined;
  training?: LocalizedText | undefined;
  contactPerson?: LocalizedText | undefined;
  host: boolean;
}

/** One shift occurrence with counts only: never a name. */
export interface PublicShiftOccurrence {
  shiftId: string;
  roleId: string;
  /** The shift's own title, else its role's name (with its translations). */
  title: LocalizedText;
  /** The local start date: with `shiftId` the occurrence's key. */
  date: string;
  /** ISO 8601 instants with the site zone's offset. */
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  waitlist: number;
}

export interface PublicRoster {
  /** The site's IANA zone, to show times as the centre's clock says them. */
  timeZone: string;
  roles: PublicRole[];
  occurrences: PublicShiftOccurrence[];
}

/** Today's host shifts for `<host-today>`; `firstName` only when the site shows host names. */
export interface HostTodayAnswer {
  timeZone: string;
  date: string;
  hosts: { shiftId: string; title: LocalizedText; start: string; end: string; filled: boolean; firstName?: string }[];
}

/** What the owner of a cancel link sees of their sign-ups. */
export interface OwnSignup {
  id: string;
  shiftId: string;
  title: LocalizedText;
  date: string;
  start: string;
  end: string;
  status: SignupStatus;
  offerExpiresAt: string | null;
}

/** The answer of the manage route (view, cancel, confirm). */
export interface OwnSignupsAnswer {
  timeZone: string;
  signups: OwnSignup[];
}
