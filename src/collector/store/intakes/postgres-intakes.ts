/** PostgreSQL side of the welcome-intake part (see intakes.ts). */
import type { IntakesStore } from './intakes.js';
import { EXPORT_PAGE_SIZE, INSERT_SUBMISSION_CTE, PostgresPart, queueWebhookCte, webhookValues } from '../postgres-part.js';
import { submissionOutcome, type Row } from '../postgres-rows.js';
import { submissionValues, toIntakeRecord } from '../projections.js';
import type { ExportQuery, InsertOutcome, IntakeFlowRecord, IntakeQuery, IntakeRecord, NewIntake, SubmissionRecord } from '../types.js';

const INTAKE_COLUMNS = `id, site, flow_id, flow_version, visibility, for_someone_else, assisted, answers, sealed,
  consent_version, consent_given_at, consent_hash, locale, created_at, handled_at, handled_by`;
const INTAKE_FLOW_COLUMNS = 'site, version, flow, actor, created_at';

const toIntake = (r: Row): IntakeRecord => toIntakeRecord(r, { flag: (v) => v === true, json: (v) => v });

function toIntakeFlow(r: Row): IntakeFlowRecord {
  return { site: String(r.site), version: Number(r.version), flow: r.flow, actor: String(r.actor), createdAt: String(r.created_at) };
}

export class PostgresIntakes extends PostgresPart implements IntakesStore {
  async insert(s: SubmissionRecord, intake: NewIntake): Promise<InsertOutcome> {
    // Both rows in one statement, as insertIdea: the intake only when the submission row was new.
    const inserted = await this.query(
      `${INSERT_SUBMISSION_CTE}, ${queueWebhookCte(22)}
       INSERT INTO intakes (id, site, flow_id, flow_version, visibility, for_someone_else, assisted,
         answers, sealed, consent_version, consent_given_at, consent_hash, locale, created_at)
       SELECT id, site, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20, $21, locale, received_at FROM s`,
      [
        ...submissionValues(s),
        intake.flowId,
        intake.flowVersion,
        intake.visibility,
        intake.forSomeoneElse,
        intake.assisted,
        JSON.stringify(intake.answers),
        intake.sealed,
        intake.consentVersion,
        intake.consentGivenAt,
        intake.consentHash,
        ...webhookValues(s),
      ],
    );
    return submissionOutcome(
      inserted,
      s,
      (t, v) => this.query(t, v),
      () => this.insert(s, intake),
    );
  }

  async get(site: string, id: string): Promise<IntakeRecord | null> {
    const { rows } = await this.query(`SELECT ${INTAKE_COLUMNS} FROM intakes WHERE site = $1 AND id = $2`, [site, id]);
    return rows[0] ? toIntake(rows[0]) : null;
  }

  async list(site: string, q: IntakeQuery): Promise<IntakeRecord[]> {
    const handled = q.handled === undefined ? '' : ` AND handled_at IS ${q.handled ? 'NOT ' : ''}NULL`;
    const { rows } = await this.query(
      `SELECT ${INTAKE_COLUMNS} FROM intakes WHERE site = $1${handled} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [site, q.limit, q.offset],
    );
    return rows.map(toIntake);
  }

  async count(site: string, q: ExportQuery): Promise<number> {
    const { rows } = await this.query('SELECT count(*) AS n FROM intakes WHERE site = $1 AND created_at <= $2', [site, q.receivedUpTo]);
    return Number(rows[0]!.n);
  }

  async *export(site: string, q: ExportQuery): AsyncIterable<IntakeRecord> {
    let after: [string, string] = ['-infinity', ''];
    for (;;) {
      const { rows } = await this.query(
        `SELECT ${INTAKE_COLUMNS} FROM intakes
         WHERE site = $1 AND created_at <= $2 AND (created_at, id) > ($3::timestamptz, $4)
         ORDER BY created_at, id LIMIT $5`,
        [site, q.receivedUpTo, after[0], after[1], EXPORT_PAGE_SIZE],
      );
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
    // The next version is decided in the statement; two coordinators saving at once collide on
    // the primary key, and the loser simply takes the next number.
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.query(
          `INSERT INTO intake_flows (site, version, flow, actor, created_at)
           SELECT $1, v, jsonb_set($2::jsonb, '{version}', to_jsonb(v)), $3, $4
           FROM (SELECT GREATEST(COALESCE(MAX(version), 0) + 1, $5::integer) AS v FROM intake_flows WHERE site = $1) AS next
           RETURNING ${INTAKE_FLOW_COLUMNS}`,
          [site, JSON.stringify(flow), options.actor, options.now, options.minVersion],
        );
        return toIntakeFlow(rows[0]!);
      } catch (error) {
        if ((error as { code?: string }).code !== '23505' || attempt >= 5) throw error;
      }
    }
  }

  async getFlow(site: string, version?: number): Promise<IntakeFlowRecord | null> {
    const { rows } =
      version === undefined
        ? await this.query(`SELECT ${INTAKE_FLOW_COLUMNS} FROM intake_flows WHERE site = $1 ORDER BY version DESC LIMIT 1`, [site])
        : await this.query(`SELECT ${INTAKE_FLOW_COLUMNS} FROM intake_flows WHERE site = $1 AND version = $2`, [site, version]);
    return rows[0] ? toIntakeFlow(rows[0]) : null;
  }

  async listFlows(site: string): Promise<IntakeFlowRecord[]> {
    const { rows } = await this.query(`SELECT ${INTAKE_FLOW_COLUMNS} FROM intake_flows WHERE site = $1 ORDER BY version`, [site]);
    return rows.map(toIntakeFlow);
  }

  async purge(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    const where = `site = $1 AND widget = 'welcome-intake' AND received_at < $2`;
    if (options.dryRun) {
      const { rows } = await this.query(`SELECT count(*) AS n FROM submissions WHERE ${where}`, [site, before]);
      return Number(rows[0]!.n);
    }
    // The intake row goes with its envelope (ON DELETE CASCADE).
    const { rowCount } = await this.query(`DELETE FROM submissions WHERE ${where}`, [site, before]);
    return rowCount ?? 0;
  }

  async delete(site: string, id: string): Promise<boolean> {
    const sql = `DELETE FROM submissions WHERE site = $1 AND id = $2 AND widget = 'welcome-intake'`;
    return ((await this.query(sql, [site, id])).rowCount ?? 0) > 0;
  }
}
