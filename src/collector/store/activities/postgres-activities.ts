/** PostgreSQL side of the calendar part (see activities.ts). */
import type { ScheduleItem } from '../../../schema/index.js';
import type { ActivitiesStore } from './activities.js';
import { PostgresPart } from '../postgres-part.js';
import type { Row } from '../postgres-rows.js';
import type { ActivityRecord, AttendanceClaim, AttendanceOutcome, NewActivity, NewAttendance, OccurrenceAttendance } from '../types.js';

const ACTIVITY_COLUMNS = 'id, site, kind, data, created_at, updated_at, source';

function toActivity(r: Row): ActivityRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    kind: r.kind as ActivityRecord['kind'],
    data: r.data as ScheduleItem,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    ...(r.source != null && { source: String(r.source) }),
  };
}

export class PostgresActivities extends PostgresPart implements ActivitiesStore {
  async create(a: NewActivity, now: string): Promise<ActivityRecord> {
    const { rows } = await this.query(
      `INSERT INTO activities (id, site, kind, data, created_at, updated_at, source) VALUES ($1, $2, $3, $4, $5, $5, $6)
       RETURNING ${ACTIVITY_COLUMNS}`,
      [a.id, a.site, a.data.kind, JSON.stringify(a.data), now, a.source ?? null],
    );
    return toActivity(rows[0]!);
  }

  async update(site: string, id: string, data: ScheduleItem, now: string, source?: string | null): Promise<ActivityRecord | null> {
    // `source` undefined keeps the row's own.
    const { rows } = await this.query(
      `UPDATE activities SET kind = $3, data = $4, updated_at = $5, source = CASE WHEN $6 THEN $7 ELSE source END
       WHERE site = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${ACTIVITY_COLUMNS}`,
      [site, id, data.kind, JSON.stringify(data), now, source !== undefined, source ?? null],
    );
    return rows[0] ? toActivity(rows[0]) : null;
  }

  async delete(site: string, id: string, now: string): Promise<boolean> {
    const { rowCount } = await this.query(
      'UPDATE activities SET deleted_at = $3, updated_at = $3 WHERE site = $1 AND id = $2 AND deleted_at IS NULL',
      [site, id, now],
    );
    return (rowCount ?? 0) > 0;
  }

  async get(site: string, id: string): Promise<ActivityRecord | null> {
    const { rows } = await this.query(`SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE site = $1 AND id = $2 AND deleted_at IS NULL`, [
      site,
      id,
    ]);
    return rows[0] ? toActivity(rows[0]) : null;
  }

  async list(site: string): Promise<ActivityRecord[]> {
    const { rows } = await this.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE site = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [site],
    );
    return rows.map(toActivity);
  }

  async addAttendance(a: NewAttendance): Promise<AttendanceOutcome> {
    // One transaction. The activity's row lock (FOR NO KEY UPDATE) queues concurrent sign-ups for
    // the same activity, on any instance; each then reads the sum every earlier one committed.
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const takenOf = async (activityId: string, occurrence: string) =>
        Number(
          (
            await client.query<Row>('SELECT COALESCE(SUM(places), 0) AS n FROM attendance WHERE activity_id = $1 AND occurrence = $2', [
              activityId,
              occurrence,
            ])
          ).rows[0]!.n,
        );
      const outcome = async (): Promise<AttendanceOutcome> => {
        await client.query('SELECT 1 FROM activities WHERE id = $1 FOR NO KEY UPDATE', [a.activityId]);
        const existing = (await client.query<Row>('SELECT site, activity_id, occurrence, places FROM attendance WHERE id = $1', [a.id]))
          .rows[0];
        if (existing) {
          if (existing.site !== a.site) return { outcome: 'conflict', taken: 0, places: 0 };
          const taken = await takenOf(String(existing.activity_id), String(existing.occurrence));
          return { outcome: 'duplicate', taken, places: Number(existing.places) };
        }
        const taken = await takenOf(a.activityId, a.occurrence);
        if (taken + a.places > a.capacity) return { outcome: 'full', taken, places: a.places };
        // The same id for another activity, inserted meanwhile, is a conflict (never a second count).
        const inserted = await client.query(
          `INSERT INTO attendance (id, site, activity_id, occurrence, places, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [a.id, a.site, a.activityId, a.occurrence, a.places, a.createdAt],
        );
        if (inserted.rowCount !== 1) return { outcome: 'conflict', taken, places: 0 };
        return { outcome: 'created', taken: taken + a.places, places: a.places };
      };
      const result = await outcome();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listAttendanceClaims(site: string, activityId: string): Promise<AttendanceClaim[]> {
    const { rows } = await this.query(
      'SELECT id, activity_id, occurrence, places, created_at FROM attendance WHERE site = $1 AND activity_id = $2 ORDER BY occurrence, created_at, id',
      [site, activityId],
    );
    return rows.map(toAttendanceClaim);
  }

  async removeAttendanceClaim(site: string, id: string): Promise<boolean> {
    const { rowCount } = await this.query('DELETE FROM attendance WHERE site = $1 AND id = $2', [site, id]);
    return (rowCount ?? 0) > 0;
  }

  async listAttendance(site: string, range?: { from: string; to: string }): Promise<OccurrenceAttendance[]> {
    // `occurrence` is YYYY-MM-DD[THH:mm]: text order is time order, and the date is its first 10 characters.
    const { rows } = await this.query(
      `SELECT t.activity_id, t.occurrence, SUM(t.places) AS places, count(*) AS responses
       FROM attendance t JOIN activities a ON a.id = t.activity_id AND a.deleted_at IS NULL
       WHERE t.site = $1 AND ($2::text IS NULL OR left(t.occurrence, 10) BETWEEN $2 AND $3)
       GROUP BY t.activity_id, t.occurrence ORDER BY t.occurrence, t.activity_id`,
      [site, range?.from ?? null, range?.to ?? null],
    );
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
