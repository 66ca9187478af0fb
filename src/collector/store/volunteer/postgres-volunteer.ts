/**
 * PostgreSQL side of volunteer sign-ups. Each change to an occurrence runs in one
 * transaction that first takes a row lock on its shift (`SELECT … FROM volunteer_items … FOR
 * UPDATE`), so concurrent sign-ups on any number of collector instances queue there and never
 * overbook. The lock is per shift, not per date: coarser, but a centre's rota never has enough
 * simultaneous sign-ups for that to matter, and it needs no extra table. Shifts are always locked
 * in the same order (by id), so two transactions that touch several shifts cannot deadlock.
 */
import type { VolunteerStore } from './volunteer.js';
import type pg from 'pg';
import { uuidv7 } from '../../../schema/ids.js';
import { admit } from '../../../volunteer/roster.js';
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
  VolunteerItemRecord,
  VolunteerNotification,
  ShiftSignupRecord,
} from '../types.js';
import { inTransaction, submissionOutcome, type Query, type Row } from '../postgres-rows.js';
import { handledState, SUBMISSION_COLUMNS, submissionValues } from '../projections.js';
import { SIGNUP_COLUMNS, offerNotification, planSlot, toSignup, toSlotSignup } from './volunteer-common.js';

const ITEM_COLUMNS = 'id, site, kind, data, created_at, updated_at';

const slotKey = (s: { shiftId: string; date: string }) => `${s.shiftId}/${s.date}`;
const bySlot = (a: { shiftId: string; date: string }, b: { shiftId: string; date: string }) =>
  slotKey(a) < slotKey(b) ? -1 : slotKey(a) > slotKey(b) ? 1 : 0;

function toItem(r: Row): VolunteerItemRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    kind: r.kind as VolunteerItemKind,
    data: r.data as VolunteerItemRecord['data'],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function toNotification(r: Row): VolunteerNotification {
  return {
    id: String(r.id),
    site: String(r.site),
    kind: r.kind as VolunteerNotification['kind'],
    signupId: String(r.signup_id),
    payload: r.payload as Record<string, unknown>,
    createdAt: String(r.created_at),
    sentAt: r.sent_at === null ? null : String(r.sent_at),
  };
}

export class PostgresVolunteer implements VolunteerStore {
  constructor(
    private readonly pool: pg.Pool,
    /** The store's named-statement query, for single statements outside a transaction. */
    private readonly query: Query,
  ) {}

  /** One transaction on one pooled connection. */
  private tx<T>(fn: (q: Query) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  async createItem(item: NewVolunteerItem, now: string): Promise<VolunteerItemRecord> {
    const { rows } = await this.query(
      `INSERT INTO volunteer_items (id, site, kind, data, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $5)
       RETURNING ${ITEM_COLUMNS}`,
      [item.id, item.site, item.kind, JSON.stringify(item.data), now],
    );
    return toItem(rows[0]!);
  }

  async updateItem(site: string, id: string, data: VolunteerItemRecord['data'], now: string): Promise<VolunteerItemRecord | null> {
    const { rows } = await this.query(
      `UPDATE volunteer_items SET data = $1::jsonb, updated_at = $2 WHERE site = $3 AND id = $4 AND deleted_at IS NULL
       RETURNING ${ITEM_COLUMNS}`,
      [JSON.stringify(data), now, site, id],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  async deleteItem(site: string, id: string, now: string): Promise<boolean> {
    const result = await this.query(
      'UPDATE volunteer_items SET deleted_at = $1, updated_at = $1 WHERE site = $2 AND id = $3 AND deleted_at IS NULL',
      [now, site, id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listItems(site: string, kind: VolunteerItemKind): Promise<VolunteerItemRecord[]> {
    const { rows } = await this.query(
      `SELECT ${ITEM_COLUMNS} FROM volunteer_items WHERE site = $1 AND kind = $2 AND deleted_at IS NULL ORDER BY created_at, id`,
      [site, kind],
    );
    return rows.map(toItem);
  }

  /**
   * Locks the shift's row until the transaction ends and returns its capacity now (0 when the
   * shift was deleted: nobody is offered a place on it any more).
   */
  private async lockShift(q: Query, shiftId: string): Promise<number> {
    const { rows } = await q(
      `SELECT (data->>'capacity')::int AS c, deleted_at FROM volunteer_items WHERE id = $1 AND kind = 'shift' FOR UPDATE`,
      [shiftId],
    );
    return rows[0] && rows[0].deleted_at === null ? Number(rows[0].c) : 0;
  }

  private async slotRows(q: Query, shiftId: string, date: string): Promise<ShiftSignupRecord[]> {
    const { rows } = await q(`SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE shift_id = $1 AND date = $2 ORDER BY position`, [
      shiftId,
      date,
    ]);
    return rows.map(toSignup);
  }

  private async queue(q: Query, notifications: readonly VolunteerNotification[]): Promise<void> {
    for (const n of notifications) {
      await q(
        `INSERT INTO volunteer_notifications (id, site, kind, signup_id, payload, created_at, sent_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [n.id, n.site, n.kind, n.signupId, JSON.stringify(n.payload), n.createdAt, n.sentAt],
      );
    }
  }

  /** Expire and offer on one locked occurrence. */
  private async reconcile(
    q: Query,
    shiftId: string,
    date: string,
    capacity: number,
    now: string,
    offerMs: number,
    into: SlotChange,
  ): Promise<ShiftSignupRecord[]> {
    const rows = await this.slotRows(q, shiftId, date);
    const transitions = planSlot(rows, capacity, now, offerMs);
    const fresh: VolunteerNotification[] = [];
    for (const t of transitions) {
      const { rows: changed } =
        t.status === 'expired'
          ? await q(`UPDATE volunteer_signups SET status = 'expired', expired_at = $1 WHERE id = $2 RETURNING ${SIGNUP_COLUMNS}`, [
              now,
              t.id,
            ])
          : await q(
              `UPDATE volunteer_signups SET status = 'offered', offered_at = $1, offer_expires_at = $2 WHERE id = $3 RETURNING ${SIGNUP_COLUMNS}`,
              [now, new Date(t.offerExpiresAt).toISOString(), t.id],
            );
      const signup = toSignup(changed[0]!);
      into.signups.push(signup);
      if (signup.status === 'offered') fresh.push(offerNotification(signup, now));
    }
    await this.queue(q, fresh);
    into.notifications.push(...fresh);
    return transitions.length ? this.slotRows(q, shiftId, date) : rows;
  }

  async signUp(r: ShiftSignupRequest, now: string): Promise<ShiftSignupOutcome> {
    const s = r.submission;
    return this.tx(async (q): Promise<ShiftSignupOutcome> => {
      // A concurrent insert of the same id makes ON CONFLICT wait for it, then do nothing.
      const inserted = await q(
        `INSERT INTO submissions (${SUBMISSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
         ON CONFLICT (id) DO NOTHING`,
        submissionValues(s),
      );
      if (inserted.rowCount === 0) {
        const owner = await q('SELECT site FROM submissions WHERE id = $1', [s.id]);
        if (owner.rows[0]?.site !== s.site) return { outcome: 'conflict', signups: [], notifications: [] };
        const { rows } = await q(`SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE submission_id = $1 ORDER BY start_at, id`, [s.id]);
        return { outcome: 'duplicate', signups: rows.map(toSignup), notifications: [] };
      }
      const change: SlotChange = { signups: [], notifications: [] };
      const made: ShiftSignupRecord[] = [];
      for (const slot of [...r.slots].sort(bySlot)) {
        const capacity = await this.lockShift(q, slot.shiftId);
        const rows = await this.reconcile(q, slot.shiftId, slot.date, capacity, now, r.offerMs, change);
        const status = admit(rows.map(toSlotSignup), { capacity, now: Date.parse(now) });
        const position = rows.reduce((max, x) => Math.max(max, x.position), 0) + 1;
        const { rows: inserted } = await q(
          `INSERT INTO volunteer_signups (id, site, submission_id, token_hash, shift_id, date, start_at, end_at, first_name,
             contact, locale, status, position, confirmed_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${SIGNUP_COLUMNS}`,
          [
            uuidv7(Date.parse(now)),
            s.site,
            s.id,
            r.tokenHash,
            slot.shiftId,
            slot.date,
            slot.startAt,
            slot.endAt,
            r.firstName,
            r.contact,
            s.locale,
            status,
            position,
            status === 'confirmed' ? now : null,
            now,
          ],
        );
        made.push(toSignup(inserted[0]!));
      }
      made.sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
      return { outcome: 'created' as InsertOutcome, signups: made, notifications: change.notifications };
    });
  }

  async listByToken(site: string, tokenHash: string, q: Query = this.query): Promise<ShiftSignupRecord[]> {
    const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE site = $1 AND token_hash = $2 ORDER BY start_at, id`;
    return (await q(sql, [site, tokenHash])).rows.map(toSignup);
  }

  private onTokenSlots(
    site: string,
    tokenHash: string,
    settings: SlotSettings,
    change: (q: Query, row: ShiftSignupRecord, into: SlotChange) => Promise<void>,
  ): Promise<SlotChange> {
    return this.tx(async (q) => {
      const into: SlotChange = { signups: [], notifications: [] };
      const rows = (await this.listByToken(site, tokenHash, q)).sort(bySlot);
      for (const row of rows) {
        const capacity = await this.lockShift(q, row.shiftId);
        await this.reconcile(q, row.shiftId, row.date, capacity, settings.now, settings.offerMs, into);
        const current = (await q(`SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE id = $1`, [row.id])).rows.map(toSignup)[0]!;
        await change(q, current, into);
        await this.reconcile(q, row.shiftId, row.date, capacity, settings.now, settings.offerMs, into);
      }
      return into;
    });
  }

  cancel(site: string, tokenHash: string, ids: readonly string[] | null, settings: SlotSettings): Promise<SlotChange> {
    return this.onTokenSlots(site, tokenHash, settings, async (q, row, into) => {
      if (ids && !ids.includes(row.id)) return;
      if (!['confirmed', 'waitlisted', 'offered'].includes(row.status)) return;
      const { rows } = await q(
        `UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = $1 WHERE id = $2 RETURNING ${SIGNUP_COLUMNS}`,
        [settings.now, row.id],
      );
      into.signups.push(toSignup(rows[0]!));
    });
  }

  confirm(site: string, tokenHash: string, settings: SlotSettings): Promise<SlotChange> {
    return this.onTokenSlots(site, tokenHash, settings, async (q, row, into) => {
      if (row.status !== 'offered') return;
      const { rows } = await q(
        `UPDATE volunteer_signups SET status = 'confirmed', confirmed_at = $1 WHERE id = $2 RETURNING ${SIGNUP_COLUMNS}`,
        [settings.now, row.id],
      );
      into.signups.push(toSignup(rows[0]!));
    });
  }

  async sweep(site: string | null, now: string, offerMsOf: (site: string) => number): Promise<SlotChange> {
    const { rows: due } = await this.query(
      `SELECT DISTINCT site, shift_id, date FROM volunteer_signups
       WHERE status = 'offered' AND ($1::text IS NULL OR site = $1) AND offer_expires_at <= $2`,
      [site, now],
    );
    const into: SlotChange = { signups: [], notifications: [] };
    const slots = due.map((r) => ({ site: String(r.site), shiftId: String(r.shift_id), date: String(r.date) })).sort(bySlot);
    for (const slot of slots) {
      await this.tx(async (q) => {
        const capacity = await this.lockShift(q, slot.shiftId);
        await this.reconcile(q, slot.shiftId, slot.date, capacity, now, offerMsOf(slot.site), into);
      });
    }
    return into;
  }

  reconcileShift(site: string, shiftId: string, settings: SlotSettings): Promise<SlotChange> {
    return this.tx(async (q) => {
      const into: SlotChange = { signups: [], notifications: [] };
      const capacity = await this.lockShift(q, shiftId);
      const { rows } = await q(
        `SELECT DISTINCT date FROM volunteer_signups WHERE site = $1 AND shift_id = $2 AND status = 'waitlisted' AND start_at > $3 ORDER BY date`,
        [site, shiftId, settings.now],
      );
      for (const r of rows) await this.reconcile(q, shiftId, String(r.date), capacity, settings.now, settings.offerMs, into);
      return into;
    });
  }

  async list(site: string, { from, to }: { from: string; to: string }): Promise<ShiftSignupRecord[]> {
    const { rows } = await this.query(
      `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE site = $1 AND start_at >= $2 AND start_at < $3
       ORDER BY start_at, shift_id, position`,
      [site, from, to],
    );
    return rows.map(toSignup);
  }

  async setAttendance(site: string, id: string, attended: boolean | null): Promise<ShiftSignupRecord | null> {
    const { rows } = await this.query(
      `UPDATE volunteer_signups SET attended = $1 WHERE site = $2 AND id = $3 RETURNING ${SIGNUP_COLUMNS}`,
      [attended, site, id],
    );
    return rows[0] ? toSignup(rows[0]) : null;
  }

  async reminderDue(site: string, from: string, to: string): Promise<ShiftSignupRecord[]> {
    const { rows } = await this.query(
      `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups
       WHERE site = $1 AND status = 'confirmed' AND reminded_at IS NULL AND start_at >= $2 AND start_at < $3 ORDER BY start_at, position`,
      [site, from, to],
    );
    return rows.map(toSignup);
  }

  async markReminded(site: string, ids: readonly string[], now: string): Promise<number> {
    const result = await this.query(
      'UPDATE volunteer_signups SET reminded_at = $1 WHERE site = $2 AND id = ANY($3::text[]) AND reminded_at IS NULL',
      [now, site, [...ids]],
    );
    return result.rowCount ?? 0;
  }

  async insertApplication(s: SubmissionRecord): Promise<InsertOutcome> {
    const inserted = await this.query(
      `INSERT INTO submissions (${SUBMISSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
       ON CONFLICT (id) DO NOTHING`,
      submissionValues(s),
    );
    return submissionOutcome(
      inserted,
      s,
      (t, v) => this.query(t, v),
      () => this.insertApplication(s),
    );
  }

  async listApplications(site: string): Promise<ApplicationRecord[]> {
    const { rows } = await this.query(
      `SELECT ${SUBMISSION_COLUMNS}, handled_at, handled_by FROM submissions WHERE site = $1 AND widget = 'volunteer-signup' AND kind = 'application'
       ORDER BY received_at, id`,
      [site],
    );
    return rows.map((r) => ({
      id: String(r.id),
      site: String(r.site),
      widget: 'volunteer-signup',
      kind: String(r.kind),
      locale: String(r.locale),
      schemaVersion: Number(r.schema_version),
      sentAt: String(r.sent_at),
      receivedAt: String(r.received_at),
      consent: (r.consent ?? null) as SubmissionRecord['consent'],
      data: r.data,
      elapsedMs: Number(r.elapsed_ms),
      ...handledState(r),
    }));
  }

  async listContacts(site: string): Promise<{ kind: 'signup' | 'application'; id: string; contact: string }[]> {
    const { rows } = await this.query(
      `SELECT 'signup' AS kind, id, contact FROM volunteer_signups WHERE site = $1 AND contact <> ''
       UNION ALL
       SELECT 'application', id, data->>'contact' FROM submissions
       WHERE site = $1 AND widget = 'volunteer-signup' AND kind = 'application' AND data ? 'contact'`,
      [site],
    );
    return rows as { kind: 'signup' | 'application'; id: string; contact: string }[];
  }

  erase(
    site: string,
    ids: { signups: readonly string[]; applications: readonly string[] },
    { includeContent }: { includeContent: boolean },
  ): Promise<number> {
    return this.tx(async (q) => {
      const apps = await q(
        `DELETE FROM submissions WHERE site = $1 AND id = ANY($2::text[]) AND widget = 'volunteer-signup' AND kind = 'application'`,
        [site, [...ids.applications]],
      );
      const { rows } = await q('SELECT id, submission_id FROM volunteer_signups WHERE site = $1 AND id = ANY($2::text[])', [
        site,
        [...ids.signups],
      ]);
      const signupIds = rows.map((r) => String(r.id));
      const submissionIds = [...new Set(rows.map((r) => String(r.submission_id)))];
      if (includeContent) {
        await q('DELETE FROM volunteer_signups WHERE id = ANY($1::text[])', [signupIds]);
        await q(
          `DELETE FROM submissions s WHERE s.id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM volunteer_signups v WHERE v.submission_id = s.id)`,
          [submissionIds],
        );
      } else {
        await q(`UPDATE volunteer_signups SET first_name = '', contact = '' WHERE id = ANY($1::text[])`, [signupIds]);
        await q(`UPDATE volunteer_notifications SET payload = payload - 'firstName' - 'contact' WHERE signup_id = ANY($1::text[])`, [
          signupIds,
        ]);
        // Only an instance of the previous release, during a rolling upgrade, still writes the name
        // and contact into the envelope (`envelopeOf`); this may go a release later.
        await q(`UPDATE submissions SET data = data - 'firstName' - 'contact' WHERE id = ANY($1::text[])`, [submissionIds]);
      }
      return (apps.rowCount ?? 0) + signupIds.length;
    });
  }

  queueNotifications(notifications: readonly VolunteerNotification[]): Promise<void> {
    return this.tx((q) => this.queue(q, notifications));
  }

  async listNotifications(site: string, { unsentOnly }: { unsentOnly: boolean }): Promise<VolunteerNotification[]> {
    const { rows } = await this.query(
      `SELECT id, site, kind, signup_id, payload, created_at, sent_at FROM volunteer_notifications
       WHERE site = $1 AND (NOT $2::boolean OR sent_at IS NULL) ORDER BY created_at, id`,
      [site, unsentOnly],
    );
    return rows.map(toNotification);
  }

  async markNotificationsSent(site: string, ids: readonly string[], now: string): Promise<number> {
    const result = await this.query(
      'UPDATE volunteer_notifications SET sent_at = $1 WHERE site = $2 AND id = ANY($3::text[]) AND sent_at IS NULL',
      [now, site, [...ids]],
    );
    return result.rowCount ?? 0;
  }
}

export const POSTGRES_VOLUNTEER_MIGRATION = `
  CREATE TABLE volunteer_items (
    id         text COLLATE "C" PRIMARY KEY,
    site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
    kind       text NOT NULL CHECK (kind IN ('role', 'shift')),
    data       jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz
  );
  CREATE INDEX volunteer_items_site ON volunteer_items(site, kind, created_at, id);

  CREATE TABLE volunteer_signups (
    id               text COLLATE "C" PRIMARY KEY,
    site             text COLLATE "C" NOT NULL REFERENCES sites(slug),
    submission_id    text COLLATE "C" NOT NULL REFERENCES submissions(id),
    token_hash       text COLLATE "C" NOT NULL,
    shift_id         text COLLATE "C" NOT NULL,
    date             text COLLATE "C" NOT NULL,
    start_at         timestamptz NOT NULL,
    end_at           timestamptz NOT NULL,
    first_name       text NOT NULL,
    contact          text NOT NULL,
    locale           text NOT NULL,
    status           text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
    position         integer NOT NULL,
    offered_at       timestamptz,
    offer_expires_at timestamptz,
    confirmed_at     timestamptz,
    cancelled_at     timestamptz,
    expired_at       timestamptz,
    attended         boolean,
    reminded_at      timestamptz,
    created_at       timestamptz NOT NULL,
    UNIQUE (shift_id, date, position)
  );
  CREATE INDEX volunteer_signups_token ON volunteer_signups(site, token_hash);
  CREATE INDEX volunteer_signups_start ON volunteer_signups(site, start_at);
  CREATE INDEX volunteer_signups_submission ON volunteer_signups(submission_id);
  CREATE INDEX volunteer_signups_offers ON volunteer_signups(offer_expires_at) WHERE status = 'offered';

  CREATE TABLE volunteer_notifications (
    id         text COLLATE "C" PRIMARY KEY,
    site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
    kind       text NOT NULL,
    signup_id  text COLLATE "C" NOT NULL REFERENCES volunteer_signups(id) ON DELETE CASCADE,
    payload    jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
  );
  CREATE INDEX volunteer_notifications_site ON volunteer_notifications(site, created_at);
`;
