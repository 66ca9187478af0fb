/** SQLite side of the welcome-intake part (see intakes.ts). */
import type { IntakesStore } from './intakes.js';
import { toIntakeRecord } from '../projections.js';
import { EXPORT_PAGE_SIZE, SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
import type { ExportQuery, InsertOutcome, IntakeFlowRecord, IntakeQuery, IntakeRecord, NewIntake, SubmissionRecord } from '../types.js';

export class SqliteIntakes extends SqlitePart implements IntakesStore {
  async insert(s: SubmissionRecord, intake: NewIntake): Promise<InsertOutcome> {
    return this.groupCommit.run((): InsertOutcome => {
      const row = this.insertSubmissionRow(s);
      if (row !== 'created') return row;
      this.sql(
        `INSERT INTO intakes (id, site, flow_id, flow_version, visibility, for_someone_else, assisted,
           answers, sealed, consent_version, consent_given_at, consent_hash, locale, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.site,
        intake.flowId,
        intake.flowVersion,
        intake.visibility,
        intake.forSomeoneElse ? 1 : 0,
        intake.assisted ? 1 : 0,
        JSON.stringify(intake.answers),
        intake.sealed,
        intake.consentVersion,
        intake.consentGivenAt,
        intake.consentHash,
        s.locale,
        s.receivedAt,
      );
      return 'created';
    });
  }

  async get(site: string, id: string): Promise<IntakeRecord | null> {
    const row = this.sql('SELECT * FROM intakes WHERE site = ? AND id = ?').get(site, id) as Row | undefined;
    return row ? toIntake(row) : null;
  }

  async list(site: string, q: IntakeQuery): Promise<IntakeRecord[]> {
    const handled = q.handled === undefined ? '' : ` AND handled_at IS ${q.handled ? 'NOT ' : ''}NULL`;
    const rows = this.sql(`SELECT * FROM intakes WHERE site = ?${handled} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(
      site,
      q.limit,
      q.offset,
    ) as Row[];
    return rows.map(toIntake);
  }

  async count(site: string, q: ExportQuery): Promise<number> {
    return this.sql('SELECT COUNT(*) FROM intakes WHERE site = ? AND created_at <= ?').pluck().get(site, q.receivedUpTo) as number;
  }

  async *export(site: string, q: ExportQuery): AsyncIterable<IntakeRecord> {
    // Keyset pages, as exportIdeas: no iterator stays open across a slow download.
    const page = this.sql(
      `SELECT * FROM intakes WHERE site = ? AND created_at <= ? AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    );
    let after = ['', ''];
    for (;;) {
      const rows = page.all(site, q.receivedUpTo, after[0], after[1], EXPORT_PAGE_SIZE) as Row[];
      for (const row of rows) yield toIntake(row);
      if (rows.length < EXPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = [String(last.created_at), String(last.id)];
    }
  }

  async saveFlow(
    site: string,
    flow: Record<string, unknown>,
    options: { actor: string; now: string; minVersion: number },
  ): Promise<IntakeFlowRecord> {
    return this.write(() => {
      const highest = this.sql('SELECT MAX(version) FROM intake_flows WHERE site = ?').pluck().get(site) as number | null;
      const version = Math.max((highest ?? 0) + 1, options.minVersion);
      const stored = { ...flow, version };
      this.sql('INSERT INTO intake_flows (site, version, flow, actor, created_at) VALUES (?, ?, ?, ?, ?)').run(
        site,
        version,
        JSON.stringify(stored),
        options.actor,
        options.now,
      );
      return { site, version, flow: stored, actor: options.actor, createdAt: options.now };
    });
  }

  async getFlow(site: string, version?: number): Promise<IntakeFlowRecord | null> {
    const row = (
      version === undefined
        ? this.sql('SELECT * FROM intake_flows WHERE site = ? ORDER BY version DESC LIMIT 1').get(site)
        : this.sql('SELECT * FROM intake_flows WHERE site = ? AND version = ?').get(site, version)
    ) as Row | undefined;
    return row ? toIntakeFlow(row) : null;
  }

  async listFlows(site: string): Promise<IntakeFlowRecord[]> {
    return (this.sql('SELECT * FROM intake_flows WHERE site = ? ORDER BY version').all(site) as Row[]).map(toIntakeFlow);
  }

  async purge(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    const where = `site = ? AND widget = 'welcome-intake' AND received_at < ?`;
    if (options.dryRun) return this.sql(`SELECT COUNT(*) FROM submissions WHERE ${where}`).pluck().get(site, before) as number;
    // The intake row goes with its envelope (ON DELETE CASCADE).
    return this.write(() => this.sql(`DELETE FROM submissions WHERE ${where}`).run(site, before).changes);
  }

  async delete(site: string, id: string): Promise<boolean> {
    const sql = `DELETE FROM submissions WHERE site = ? AND id = ? AND widget = 'welcome-intake'`;
    return this.write(() => this.sql(sql).run(site, id).changes > 0);
  }
}

const toIntake = (r: Row): IntakeRecord => toIntakeRecord(r, { flag: (v) => v === 1, json: (v) => JSON.parse(String(v)) });

function toIntakeFlow(r: Row): IntakeFlowRecord {
  return {
    site: String(r.site),
    version: Number(r.version),
    flow: JSON.parse(String(r.flow)),
    actor: String(r.actor),
    createdAt: String(r.created_at),
  };
}
