/** SQLite side of the calendar part (see activities.ts). */
import type { ScheduleItem } from '../../../schema/index.js';
import type { ActivitiesStore } from './activities.js';
import { SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
import type { ActivityRecord, AttendanceClaim, AttendanceOutcome, NewActivity, NewAttendance, OccurrenceAttendance } from '../types.js';

const ACTIVITY_COLUMNS = 'id, site, kind, data, created_at, updated_at, source';

function toActivity(r: Row): ActivityRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    kind: r.kind as ActivityRecord['kind'],
    data: JSON.parse(String(r.data)) as ScheduleItem,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    ...(r.source != null && { source: String(r.source) }),
  };
}

export class SqliteActivities extends SqlitePart implements ActivitiesStore {
  async create(a: NewActivity, now: string): Promise<ActivityRecord> {
    const source = a.source ?? null;
    this.sql(`INSERT INTO activities (id, site, kind, data, created_at, updated_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      a.id,
      a.site,
      a.data.kind,
      JSON.stringify(a.data),
      now,
      now,
      source,
    );
    return { id: a.id, site: a.site, kind: a.data.kind, data: a.data, createdAt: now, updatedAt: now, ...(source !== null && { source }) };
  }

  async update(site: string, id: string, data: ScheduleItem, now: string, source?: string | null): Promise<ActivityRecord | null> {
    // `source` undefined keeps the row's own.
    const row = this.sql(
      `UPDATE activities SET kind = ?, data = ?, updated_at = ?, source = CASE WHEN ? THEN ? ELSE source END
       WHERE site = ? AND id = ? AND deleted_at IS NULL RETURNING ${ACTIVITY_COLUMNS}`,
    ).get(data.kind, JSON.stringify(data), now, source === undefined ? 0 : 1, source ?? null, site, id) as Row | undefined;
    return row ? toActivity(row) : null;
  }

  async delete(site: string, id: string, now: string): Promise<boolean> {
    const result = this.sql('UPDATE activities SET deleted_at = ?, updated_at = ? WHERE site = ? AND id = ? AND deleted_at IS NULL').run(
      now,
      now,
      site,
      id,
    );
    return result.changes > 0;
  }

  async get(site: string, id: string): Promise<ActivityRecord | null> {
    const row = this.sql(`SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE site = ? AND id = ? AND deleted_at IS NULL`).get(site, id) as
      Row | undefined;
    return row ? toActivity(row) : null;
  }

  async list(site: string): Promise<ActivityRecord[]> {
    const rows = this.sql(`SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE site = ? AND deleted_at IS NULL ORDER BY created_at, id`).all(
      site,
    ) as Row[];
    return rows.map(toActivity);
  }

  async addAttendance(a: NewAttendance): Promise<AttendanceOutcome> {
    // One IMMEDIATE transaction (shared with other request-path writes): the sum and the insert
    // cannot interleave with another writer, in this process or another.
    return this.groupCommit.run((): AttendanceOutcome => {
      const takenOf = (activityId: string, occurrence: string) =>
        this.sql('SELECT COALESCE(SUM(places), 0) FROM attendance WHERE activity_id = ? AND occurrence = ?')
          .pluck()
          .get(activityId, occurrence) as number;
      const existing = this.sql('SELECT site, activity_id, occurrence, places FROM attendance WHERE id = ?').get(a.id) as Row | undefined;
      if (existing) {
        if (existing.site !== a.site) return { outcome: 'conflict', taken: 0, places: 0 };
        return {
          outcome: 'duplicate',
          taken: takenOf(String(existing.activity_id), String(existing.occurrence)),
          places: Number(existing.places),
        };
      }
      const taken = takenOf(a.activityId, a.occurrence);
      if (taken + a.places > a.capacity) return { outcome: 'full', taken, places: a.places };
      this.sql('INSERT INTO attendance (id, site, activity_id, occurrence, places, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        a.id,
        a.site,
        a.activityId,
        a.occurrence,
        a.places,
        a.createdAt,
      );
      return { outcome: 'created', taken: taken + a.places, places: a.places };
    });
  }

  async listAttendanceClaims(site: string, activityId: string): Promise<AttendanceClaim[]> {
    const rows = this.sql(
      'SELECT id, activity_id, occurrence, places, created_at FROM attendance WHERE site = ? AND activity_id = ? ORDER BY occurrence, created_at, id',
    ).all(site, activityId) as Row[];
    return rows.map(toAttendanceClaim);
  }

  async removeAttendanceClaim(site: string, id: string): Promise<boolean> {
    return this.write(() => this.sql('DELETE FROM attendance WHERE site = ? AND id = ?').run(site, id).changes > 0);
  }

  async listAttendance(site: string, range?: { from: string; to: string }): Promise<OccurrenceAttendance[]> {
    // `occurrence` is YYYY-MM-DD[THH:mm]: text order is time order, and the date is its first 10 characters.
    const rows = this.sql(
      `SELECT t.activity_id, t.occurrence, SUM(t.places) AS places, COUNT(*) AS responses
       FROM attendance t JOIN activities a ON a.id = t.activity_id AND a.deleted_at IS NULL
       WHERE t.site = ? AND (? IS NULL OR substr(t.occurrence, 1, 10) BETWEEN ? AND ?)
       GROUP BY t.activity_id, t.occurrence ORDER BY t.occurrence, t.activity_id`,
    ).all(site, range?.from ?? null, range?.from ?? null, range?.to ?? null) as Row[];
    return rows.map((r) => ({
      activityId: String(r.activity_id),
      occurrence: String(r.occurrence),
      places: Number(r.places),
      responses: Number(r.responses),
    }));
  }
}

function toAttendanceClaim(r: Row): AttendanceClaim {
  return {
    id: String(r.id),
    activityId: String(r.activity_id),
    occurrence: String(r.occurrence),
    places: Number(r.places),
    createdAt: String(r.created_at),
  };
}
