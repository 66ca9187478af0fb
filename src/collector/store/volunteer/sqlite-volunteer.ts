/**
 * SQLite side of volunteer sign-ups. better-sqlite3 is synchronous and every write runs
 * in an IMMEDIATE transaction (or a group commit, which is one), so an occurrence's read-decide-
 * write cannot interleave with another request, in this process or another one on the file.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../schema/ids.js';
import { admit } from '../../../volunteer/roster.js';
import type { GroupCommit } from '../sqlite-group-commit.js';
import type { VolunteerStore } from './volunteer.js';
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
import { handledState, submissionValues } from '../projections.js';
import { SIGNUP_COLUMNS, offerNotification, planSlot, toSlotSignup, toSignup } from './volunteer-common.js';

type Row = Record<string, unknown>;
const ITEM_COLUMNS = 'id, site, kind, data, created_at, updated_at';

function toItem(r: Row): VolunteerItemRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    kind: r.kind as VolunteerItemKind,
    data: JSON.parse(String(r.data)) as VolunteerItemRecord['data'],
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
    payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    createdAt: String(r.created_at),
    sentAt: r.sent_at === null ? null : String(r.sent_at),
  };
}

export class SqliteVolunteer implements VolunteerStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly groupCommit: GroupCommit,
  ) {}

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  async createItem(item: NewVolunteerItem, now: string): Promise<VolunteerItemRecord> {
    this.sql(`INSERT INTO volunteer_items (id, site, kind, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      item.id,
      item.site,
      item.kind,
      JSON.stringify(item.data),
      now,
      now,
    );
    return { ...item, createdAt: now, updatedAt: now };
  }

  async updateItem(site: string, id: string, data: VolunteerItemRecord['data'], now: string): Promise<VolunteerItemRecord | null> {
    const row = this.sql(
      `UPDATE volunteer_items SET data = ?, updated_at = ? WHERE site = ? AND id = ? AND deleted_at IS NULL RETURNING ${ITEM_COLUMNS}`,
    ).get(JSON.stringify(data), now, site, id) as Row | undefined;
    return row ? toItem(row) : null;
  }

  async deleteItem(site: string, id: string, now: string): Promise<boolean> {
    const sql = 'UPDATE volunteer_items SET deleted_at = ?, updated_at = ? WHERE site = ? AND id = ? AND deleted_at IS NULL';
    return this.sql(sql).run(now, now, site, id).changes > 0;
  }

  async listItems(site: string, kind: VolunteerItemKind): Promise<VolunteerItemRecord[]> {
    const rows = this.sql(
      `SELECT ${ITEM_COLUMNS} FROM volunteer_items WHERE site = ? AND kind = ? AND deleted_at IS NULL ORDER BY created_at, id`,
    ).all(site, kind) as Row[];
    return rows.map(toItem);
  }

  private slotRows(shiftId: string, date: string): ShiftSignupRecord[] {
    const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE shift_id = ? AND date = ? ORDER BY position`;
    return (this.sql(sql).all(shiftId, date) as Row[]).map(toSignup);
  }

  private capacity(shiftId: string): number {
    const row = this.sql(`SELECT data, deleted_at FROM volunteer_items WHERE id = ? AND kind = 'shift'`).get(shiftId) as Row | undefined;
    if (!row || row.deleted_at !== null) return 0;
    return Number((JSON.parse(String(row.data)) as { capacity: number }).capacity);
  }

  private signup(id: string): ShiftSignupRecord {
    return toSignup(this.sql(`SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE id = ?`).get(id) as Row);
  }

  private queue(notifications: readonly VolunteerNotification[]): void {
    for (const n of notifications) {
      this.sql(
        `INSERT INTO volunteer_notifications (id, site, kind, signup_id, payload, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(n.id, n.site, n.kind, n.signupId, JSON.stringify(n.payload), n.createdAt, n.sentAt);
    }
  }

  /** Expire and offer on one occurrence; inside a transaction. */
  private reconcile(shiftId: string, date: string, capacity: number, now: string, offerMs: number, into: SlotChange): ShiftSignupRecord[] {
    const rows = this.slotRows(shiftId, date);
    const transitions = planSlot(rows, capacity, now, offerMs);
    const fresh: VolunteerNotification[] = [];
    for (const t of transitions) {
      if (t.status === 'expired') {
        this.sql(`UPDATE volunteer_signups SET status = 'expired', expired_at = ? WHERE id = ?`).run(now, t.id);
      } else {
        const expires = new Date(t.offerExpiresAt).toISOString();
        this.sql(`UPDATE volunteer_signups SET status = 'offered', offered_at = ?, offer_expires_at = ? WHERE id = ?`).run(
          now,
          expires,
          t.id,
        );
      }
      const changed = this.signup(t.id);
      into.signups.push(changed);
      if (changed.status === 'offered') fresh.push(offerNotification(changed, now));
    }
    this.queue(fresh);
    into.notifications.push(...fresh);
    return transitions.length ? this.slotRows(shiftId, date) : rows;
  }

  signUp(r: ShiftSignupRequest, now: string): Promise<ShiftSignupOutcome> {
    return this.groupCommit.run((): ShiftSignupOutcome => {
      const s = r.submission;
      const inserted = this.sql(
        `INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ).run(...submissionValues(s));
      if (inserted.changes === 0) {
        const owner = this.sql('SELECT site FROM submissions WHERE id = ?').pluck().get(s.id);
        if (owner !== s.site) return { outcome: 'conflict', signups: [], notifications: [] };
        const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE submission_id = ? ORDER BY start_at, id`;
        return { outcome: 'duplicate', signups: (this.sql(sql).all(s.id) as Row[]).map(toSignup), notifications: [] };
      }
      const change: SlotChange = { signups: [], notifications: [] };
      const made: ShiftSignupRecord[] = [];
      for (const slot of r.slots) {
        const capacity = this.capacity(slot.shiftId);
        const rows = this.reconcile(slot.shiftId, slot.date, capacity, now, r.offerMs, change);
        const status = admit(rows.map(toSlotSignup), { capacity, now: Date.parse(now) });
        const position = rows.reduce((max, x) => Math.max(max, x.position), 0) + 1;
        const id = uuidv7(Date.parse(now));
        this.sql(
          `INSERT INTO volunteer_signups (id, site, submission_id, token_hash, shift_id, date, start_at, end_at, first_name,
             contact, locale, status, position, confirmed_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
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
        );
        made.push(this.signup(id));
      }
      return { outcome: 'created' as InsertOutcome, signups: made, notifications: change.notifications };
    });
  }

  async listByToken(site: string, tokenHash: string): Promise<ShiftSignupRecord[]> {
    return this.signupsOfToken(site, tokenHash);
  }

  private signupsOfToken(site: string, tokenHash: string): ShiftSignupRecord[] {
    const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE site = ? AND token_hash = ? ORDER BY start_at, id`;
    return (this.sql(sql).all(site, tokenHash) as Row[]).map(toSignup);
  }

  /** Runs `change` on each of the token's occurrences under the write lock, then reconciles it. */
  private onTokenSlots(
    site: string,
    tokenHash: string,
    settings: SlotSettings,
    change: (row: ShiftSignupRecord, into: SlotChange) => void,
  ): SlotChange {
    return this.write(() => {
      const into: SlotChange = { signups: [], notifications: [] };
      for (const row of this.signupsOfToken(site, tokenHash)) {
        const capacity = this.capacity(row.shiftId);
        // Due offers first: an offer that ran out cannot be confirmed any more.
        this.reconcile(row.shiftId, row.date, capacity, settings.now, settings.offerMs, into);
        change(this.signup(row.id), into);
        this.reconcile(row.shiftId, row.date, capacity, settings.now, settings.offerMs, into);
      }
      return into;
    });
  }

  async cancel(site: string, tokenHash: string, ids: readonly string[] | null, settings: SlotSettings): Promise<SlotChange> {
    return this.onTokenSlots(site, tokenHash, settings, (row, into) => {
      if (ids && !ids.includes(row.id)) return;
      if (!['confirmed', 'waitlisted', 'offered'].includes(row.status)) return;
      this.sql(`UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = ? WHERE id = ?`).run(settings.now, row.id);
      into.signups.push(this.signup(row.id));
    });
  }

  async confirm(site: string, tokenHash: string, settings: SlotSettings): Promise<SlotChange> {
    return this.onTokenSlots(site, tokenHash, settings, (row, into) => {
      if (row.status !== 'offered') return;
      this.sql(`UPDATE volunteer_signups SET status = 'confirmed', confirmed_at = ? WHERE id = ?`).run(settings.now, row.id);
      into.signups.push(this.signup(row.id));
    });
  }

  async sweep(site: string | null, now: string, offerMsOf: (site: string) => number): Promise<SlotChange> {
    const due = this.sql(
      `SELECT DISTINCT site, shift_id, date FROM volunteer_signups
       WHERE status = 'offered' AND (? IS NULL OR site = ?) AND offer_expires_at <= ?`,
    );
    return this.write(() => {
      const into: SlotChange = { signups: [], notifications: [] };
      for (const r of due.all(site, site, now) as Row[]) {
        const shiftId = String(r.shift_id);
        this.reconcile(shiftId, String(r.date), this.capacity(shiftId), now, offerMsOf(String(r.site)), into);
      }
      return into;
    });
  }

  async reconcileShift(site: string, shiftId: string, settings: SlotSettings): Promise<SlotChange> {
    const dates = this.sql(
      `SELECT DISTINCT date FROM volunteer_signups WHERE site = ? AND shift_id = ? AND status = 'waitlisted' AND start_at > ? ORDER BY date`,
    );
    return this.write(() => {
      const into: SlotChange = { signups: [], notifications: [] };
      const capacity = this.capacity(shiftId);
      for (const date of dates.pluck().all(site, shiftId, settings.now) as string[]) {
        this.reconcile(shiftId, date, capacity, settings.now, settings.offerMs, into);
      }
      return into;
    });
  }

  async list(site: string, { from, to }: { from: string; to: string }): Promise<ShiftSignupRecord[]> {
    const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE site = ? AND start_at >= ? AND start_at < ? ORDER BY start_at, shift_id, position`;
    return (this.sql(sql).all(site, from, to) as Row[]).map(toSignup);
  }

  async setAttendance(site: string, id: string, attended: boolean | null): Promise<ShiftSignupRecord | null> {
    const row = this.sql(`UPDATE volunteer_signups SET attended = ? WHERE site = ? AND id = ? RETURNING ${SIGNUP_COLUMNS}`).get(
      attended === null ? null : attended ? 1 : 0,
      site,
      id,
    ) as Row | undefined;
    return row ? toSignup(row) : null;
  }

  async reminderDue(site: string, from: string, to: string): Promise<ShiftSignupRecord[]> {
    const sql = `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups
      WHERE site = ? AND status = 'confirmed' AND reminded_at IS NULL AND start_at >= ? AND start_at < ? ORDER BY start_at, position`;
    return (this.sql(sql).all(site, from, to) as Row[]).map(toSignup);
  }

  async markReminded(site: string, ids: readonly string[], now: string): Promise<number> {
    const stmt = this.sql(`UPDATE volunteer_signups SET reminded_at = ? WHERE site = ? AND id = ? AND reminded_at IS NULL`);
    return this.write(() => ids.reduce((n, id) => n + stmt.run(now, site, id).changes, 0));
  }

  insertApplication(s: SubmissionRecord): Promise<InsertOutcome> {
    return this.groupCommit.run((): InsertOutcome => {
      const inserted = this.sql(
        `INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ).run(...submissionValues(s));
      if (inserted.changes > 0) return 'created';
      return this.sql('SELECT site FROM submissions WHERE id = ?').pluck().get(s.id) === s.site ? 'duplicate' : 'conflict';
    });
  }

  async listApplications(site: string): Promise<ApplicationRecord[]> {
    const rows = this.sql(
      `SELECT * FROM submissions WHERE site = ? AND widget = 'volunteer-signup' AND kind = 'application' ORDER BY received_at, id`,
    ).all(site) as Row[];
    return rows.map((r) => ({
      id: String(r.id),
      site: String(r.site),
      widget: 'volunteer-signup',
      kind: String(r.kind),
      locale: String(r.locale),
      schemaVersion: Number(r.schema_version),
      sentAt: String(r.sent_at),
      receivedAt: String(r.received_at),
      consent: r.consent === null ? null : JSON.parse(String(r.consent)),
      data: JSON.parse(String(r.data)),
      elapsedMs: Number(r.elapsed_ms),
      ...handledState(r),
    }));
  }

  async listContacts(site: string): Promise<{ kind: 'signup' | 'application'; id: string; contact: string }[]> {
    return this.sql(
      `SELECT 'signup' AS kind, id, contact FROM volunteer_signups WHERE site = ? AND contact <> ''
       UNION ALL
       SELECT 'application', id, json_extract(data, '$.contact') FROM submissions
       WHERE site = ? AND widget = 'volunteer-signup' AND kind = 'application' AND json_extract(data, '$.contact') IS NOT NULL`,
    ).all(site, site) as { kind: 'signup' | 'application'; id: string; contact: string }[];
  }

  async erase(
    site: string,
    ids: { signups: readonly string[]; applications: readonly string[] },
    { includeContent }: { includeContent: boolean },
  ): Promise<number> {
    return this.write(() => {
      let count = 0;
      for (const id of ids.applications) {
        count += this.sql(`DELETE FROM submissions WHERE site = ? AND id = ? AND widget = 'volunteer-signup' AND kind = 'application'`).run(
          site,
          id,
        ).changes;
      }
      for (const id of ids.signups) {
        const row = this.sql('SELECT submission_id FROM volunteer_signups WHERE site = ? AND id = ?').get(site, id) as Row | undefined;
        if (!row) continue;
        count++;
        if (includeContent) {
          this.sql('DELETE FROM volunteer_signups WHERE id = ?').run(id);
          this.sql('DELETE FROM submissions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM volunteer_signups WHERE submission_id = ?)').run(
            row.submission_id,
            row.submission_id,
          );
        } else {
          this.sql(`UPDATE volunteer_signups SET first_name = '', contact = '' WHERE id = ?`).run(id);
          this.sql(`UPDATE volunteer_notifications SET payload = json_remove(payload, '$.firstName', '$.contact') WHERE signup_id = ?`).run(
            id,
          );
          // Only an instance of the previous release, during a rolling upgrade, still writes the
          // name and contact into the envelope (`envelopeOf`); this may go a release later.
          this.sql(`UPDATE submissions SET data = json_remove(data, '$.firstName', '$.contact') WHERE id = ?`).run(row.submission_id);
        }
      }
      return count;
    });
  }

  async queueNotifications(notifications: readonly VolunteerNotification[]): Promise<void> {
    this.write(() => this.queue(notifications));
  }

  async listNotifications(site: string, { unsentOnly }: { unsentOnly: boolean }): Promise<VolunteerNotification[]> {
    const rows = this.sql(
      `SELECT * FROM volunteer_notifications WHERE site = ? AND (? = 0 OR sent_at IS NULL) ORDER BY created_at, id`,
    ).all(site, unsentOnly ? 1 : 0) as Row[];
    return rows.map(toNotification);
  }

  async markNotificationsSent(site: string, ids: readonly string[], now: string): Promise<number> {
    const stmt = this.sql(`UPDATE volunteer_notifications SET sent_at = ? WHERE site = ? AND id = ? AND sent_at IS NULL`);
    return this.write(() => ids.reduce((n, id) => n + stmt.run(now, site, id).changes, 0));
  }
}

export const SQLITE_VOLUNTEER_MIGRATION = `
  CREATE TABLE volunteer_items (
    id         TEXT PRIMARY KEY,
    site       TEXT NOT NULL REFERENCES sites(slug),
    kind       TEXT NOT NULL CHECK (kind IN ('role', 'shift')),
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
  ) STRICT;
  CREATE INDEX volunteer_items_site ON volunteer_items(site, kind, created_at, id);

  CREATE TABLE volunteer_signups (
    id               TEXT PRIMARY KEY,
    site             TEXT NOT NULL REFERENCES sites(slug),
    submission_id    TEXT NOT NULL REFERENCES submissions(id),
    token_hash       TEXT NOT NULL,
    shift_id         TEXT NOT NULL,
    date             TEXT NOT NULL,
    start_at         TEXT NOT NULL,
    end_at           TEXT NOT NULL,
    first_name       TEXT NOT NULL,
    contact          TEXT NOT NULL,
    locale           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
    position         INTEGER NOT NULL,
    offered_at       TEXT,
    offer_expires_at TEXT,
    confirmed_at     TEXT,
    cancelled_at     TEXT,
    expired_at       TEXT,
    attended         INTEGER,
    reminded_at      TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (shift_id, date, position)
  ) STRICT;
  CREATE INDEX volunteer_signups_token ON volunteer_signups(site, token_hash);
  CREATE INDEX volunteer_signups_start ON volunteer_signups(site, start_at);
  CREATE INDEX volunteer_signups_submission ON volunteer_signups(submission_id);
  CREATE INDEX volunteer_signups_offers ON volunteer_signups(offer_expires_at) WHERE status = 'offered';

  CREATE TABLE volunteer_notifications (
    id         TEXT PRIMARY KEY,
    site       TEXT NOT NULL REFERENCES sites(slug),
    kind       TEXT NOT NULL,
    signup_id  TEXT NOT NULL REFERENCES volunteer_signups(id) ON DELETE CASCADE,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
  ) STRICT;
  CREATE INDEX volunteer_notifications_site ON volunteer_notifications(site, created_at);
`;
