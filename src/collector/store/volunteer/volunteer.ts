/**
 * The store's volunteer part: roles and shifts (the catalogue a coordinator keeps), shift sign-ups
 * with their waitlist and offers, general "ik wil vrijwilliger worden" sign-ups, and the
 * notifications they cause. One implementation per backend (sqlite-volunteer.ts,
 * postgres-volunteer.ts); reached as `store.volunteer`.
 */
import type {
  ApplicationRecord,
  InsertOutcome,
  NewVolunteerItem,
  ShiftSignupOutcome,
  ShiftSignupRequest,
  SlotChange,
  SlotSettings,
  SubmissionRecord,
  VolunteerItemKind,
  VolunteerFigures,
  VolunteerItemRecord,
  VolunteerNotification,
  ShiftSignupRecord,
} from '../types.js';

export interface VolunteerStore {
  /** Roles and shifts: `kind` says which; `data` is the validated role or shift. */
  createItem(item: NewVolunteerItem, now: string): Promise<VolunteerItemRecord>;
  updateItem(site: string, id: string, data: VolunteerItemRecord['data'], now: string): Promise<VolunteerItemRecord | null>;
  /** Soft delete; false when there was no live item. */
  deleteItem(site: string, id: string, now: string): Promise<boolean>;
  /** Live items of one kind, by position (roles) or creation. */
  listItems(site: string, kind: VolunteerItemKind): Promise<VolunteerItemRecord[]>;
  /**
   * One sign-up envelope for one or more shift occurrences, in ONE transaction that holds each
   * occurrence's lock: due offers expire, free places are offered to the waitlist, then the
   * newcomer is confirmed or waitlisted (see src/volunteer/roster.ts). A duplicate envelope id
   * returns the rows it made before.
   */
  signUp(request: ShiftSignupRequest, now: string): Promise<ShiftSignupOutcome>;
  /** The sign-ups made with a cancel token (by its hash), oldest first. */
  listByToken(site: string, tokenHash: string): Promise<ShiftSignupRecord[]>;
  /**
   * Cancels the token's live sign-ups (all, or those ids) and offers the freed places to the
   * waitlist, per occurrence under its lock. Returns the changed rows and the notifications queued.
   */
  cancel(site: string, tokenHash: string, ids: readonly string[] | null, context: SlotSettings): Promise<SlotChange>;
  /** Confirms the token's open offers (expired ones are expired first). */
  confirm(site: string, tokenHash: string, context: SlotSettings): Promise<SlotChange>;
  /** After a shift's capacity changed: offers free places to the waitlist of its occurrences to come. */
  reconcileShift(site: string, shiftId: string, settings: SlotSettings): Promise<SlotChange>;
  /** Expires due offers of the site (all sites with null) and offers the places on. */
  sweep(site: string | null, now: string, offerMsOf: (site: string) => number): Promise<SlotChange>;
  /** Sign-ups whose occurrence starts in `[from, to)`, by start then arrival. */
  list(site: string, query: { from: string; to: string }): Promise<ShiftSignupRecord[]>;
  setAttendance(site: string, id: string, attended: boolean | null): Promise<ShiftSignupRecord | null>;
  /** Confirmed sign-ups starting in `[from, to)` that were not reminded yet. */
  reminderDue(site: string, from: string, to: string): Promise<ShiftSignupRecord[]>;
  /** Marks sign-ups as reminded (once); returns how many changed. */
  markReminded(site: string, ids: readonly string[], now: string): Promise<number>;
  /** A general "ik wil vrijwilliger worden" envelope; kept in `submissions` only. */
  insertApplication(submission: SubmissionRecord): Promise<InsertOutcome>;
  listApplications(site: string): Promise<ApplicationRecord[]>;
  /** Privacy: ids and contact details of the site's sign-ups and general sign-ups (matched in code). */
  listContacts(site: string): Promise<{ kind: 'signup' | 'application'; id: string; contact: string }[]>;
  /**
   * Erasure for one person: general sign-ups are deleted whole; shift sign-ups lose first name and
   * contact (in the row, its envelope and its notifications) so the hours stay counted, or with
   * `includeContent` are deleted with their notifications (and their envelope once nothing refers
   * to it). Returns how many of the ids were the site's.
   */
  erase(
    site: string,
    ids: { signups: readonly string[]; applications: readonly string[] },
    options: { includeContent: boolean },
  ): Promise<number>;
  /** The notification outbox (promotion offers, reminders) for a webhook or mailer. */
  queueNotifications(notifications: readonly VolunteerNotification[]): Promise<void>;
  listNotifications(site: string, query: { unsentOnly: boolean }): Promise<VolunteerNotification[]>;
  markNotificationsSent(site: string, ids: readonly string[], now: string): Promise<number>;
  /**
   * Optional: volunteers, shifts and hours in `[from, before)`, for the impact report's output
   * section. Absent or null, the report says "nog geen gegevens".
   */
  figures?(site: string, from: string, before: string): Promise<VolunteerFigures | null>;
}
