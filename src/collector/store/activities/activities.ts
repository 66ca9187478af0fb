/**
 * The store's calendar part: activities and opening hours (made by hand or imported from a
 * calendar), and the anonymous "ik kom" attendance counted per occurrence. One implementation per
 * backend (sqlite-activities.ts, postgres-activities.ts); reached as `store.activities`.
 */
import type { ScheduleItem } from '../../../schema/index.js';
import type { ActivityRecord, AttendanceClaim, AttendanceOutcome, NewActivity, NewAttendance, OccurrenceAttendance } from '../types.js';

export interface ActivitiesStore {
  /** Stores a new calendar item; its kind is `data.kind`. */
  create(activity: NewActivity, now: string): Promise<ActivityRecord>;
  /** Replaces the item's data (and kind); null when the site has no such item or it was deleted. */
  update(site: string, id: string, data: ScheduleItem, now: string, source?: string | null): Promise<ActivityRecord | null>;
  /** Soft delete: the row stays with `deleted_at` set; false when there was no live item. */
  delete(site: string, id: string, now: string): Promise<boolean>;
  /** A live (not deleted) item of the site. */
  get(site: string, id: string): Promise<ActivityRecord | null>;
  /** The site's live items, oldest first. */
  list(site: string): Promise<ActivityRecord[]>;
  /**
   * Counts places for one occurrence in one transaction: granted only while the occurrence's
   * places plus these stay within `capacity`, so concurrent requests never overbook. A known id
   * answers `duplicate` (or `conflict` for another site) without counting again.
   */
  addAttendance(attendance: NewAttendance): Promise<AttendanceOutcome>;
  /**
   * Places taken per occurrence of the site's live activities, for occurrences whose
   * `occurrence` (wall-clock start) falls on the dates `from` to `to` (inclusive); all without.
   */
  listAttendance(site: string, range?: { from: string; to: string }): Promise<OccurrenceAttendance[]>;
  /** Each "ik kom" of one activity (admin row id), oldest first, for coordinators to check. */
  listAttendanceClaims(site: string, activityId: string): Promise<AttendanceClaim[]>;
  /** Removes one "ik kom" (its places come free); false when the site has no such claim. */
  removeAttendanceClaim(site: string, id: string): Promise<boolean>;
}
