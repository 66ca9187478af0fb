/** PostgreSQL side of the feedback-poll part (see polls.ts). */
import type { PollDefinition } from '../../../schema/index.js';
import type { PollsStore } from './polls.js';
import { INSERT_SUBMISSION_CTE, PostgresPart, queueWebhookCte, webhookValues } from '../postgres-part.js';
import { submissionOutcome, type Row } from '../postgres-rows.js';
import { handledState, submissionValues } from '../projections.js';
import type {
  InsertOutcome,
  NewPollResponse,
  PollDefinitionRecord,
  PollResponseQuery,
  PollResponseRecord,
  SubmissionRecord,
} from '../types.js';

const POLL_RESPONSE_COLUMNS = `id, site, poll_id, answer, statements, comment, respondent_type, story,
  story_selected, activity_id, mode, locale, received_at, handled_at, handled_by`;

function toPollDefinition(r: Row): PollDefinitionRecord {
  return {
    site: String(r.site),
    poll: r.data as PollDefinition,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function toPollResponse(r: Row): PollResponseRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    pollId: String(r.poll_id),
    answer: (r.answer as string | null) ?? null,
    statements: (r.statements as Record<string, string> | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    respondentType: (r.respondent_type as PollResponseRecord['respondentType']) ?? null,
    story: (r.story as string | null) ?? null,
    storySelected: r.story_selected === true,
    activityId: (r.activity_id as string | null) ?? null,
    mode: (r.mode as PollResponseRecord['mode']) ?? null,
    locale: String(r.locale),
    receivedAt: String(r.received_at),
    ...handledState(r),
  };
}

export class PostgresPolls extends PostgresPart implements PollsStore {
  async putDefinition(site: string, poll: PollDefinition, now: string): Promise<PollDefinitionRecord> {
    const { rows } = await this.query(
      `INSERT INTO poll_definitions (site, id, data, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $4)
       ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
       RETURNING site, data, created_at, updated_at`,
      [site, poll.id, JSON.stringify(poll), now],
    );
    return toPollDefinition(rows[0]!);
  }

  async getDefinition(site: string, id: string): Promise<PollDefinitionRecord | null> {
    const { rows } = await this.query('SELECT site, data, created_at, updated_at FROM poll_definitions WHERE site = $1 AND id = $2', [
      site,
      id,
    ]);
    return rows[0] ? toPollDefinition(rows[0]) : null;
  }

  async listDefinitions(site: string): Promise<PollDefinitionRecord[]> {
    const { rows } = await this.query(
      'SELECT site, data, created_at, updated_at FROM poll_definitions WHERE site = $1 ORDER BY created_at, id',
      [site],
    );
    return rows.map(toPollDefinition);
  }

  async insertResponse(s: SubmissionRecord, r: NewPollResponse): Promise<InsertOutcome> {
    // Both rows in one statement, as in insertIdea: the response only when the envelope was new.
    const inserted = await this.query(
      `${INSERT_SUBMISSION_CTE}, ${queueWebhookCte(20)}
       INSERT INTO poll_responses (id, site, poll_id, answer, statements, comment, respondent_type, story,
         activity_id, mode, locale, received_at)
       SELECT id, site, $12, $13, $14::jsonb, $15, $16, $17, $18, $19, locale, received_at FROM s`,
      [
        ...submissionValues(s),
        r.pollId,
        r.answer,
        r.statements ? JSON.stringify(r.statements) : null,
        r.comment,
        r.respondentType,
        r.story,
        r.activityId,
        r.mode,
        ...webhookValues(s),
      ],
    );
    return submissionOutcome(
      inserted,
      s,
      (t, v) => this.query(t, v),
      () => this.insertResponse(s, r),
    );
  }

  async listResponses(site: string, q: PollResponseQuery): Promise<PollResponseRecord[]> {
    const { rows } = await this.query(
      `SELECT ${POLL_RESPONSE_COLUMNS} FROM poll_responses
       WHERE site = $1 AND ($2::text IS NULL OR poll_id = $2) AND ($3::timestamptz IS NULL OR received_at >= $3)
         AND ($4::timestamptz IS NULL OR received_at < $4) AND ($5::boolean IS NULL OR story_selected = $5)
       ORDER BY received_at, id`,
      [site, q.pollId ?? null, q.receivedFrom ?? null, q.receivedBefore ?? null, q.storySelected ?? null],
    );
    return rows.map(toPollResponse);
  }

  async purgeTexts(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    const where = 'site = $1 AND received_at < $2 AND (comment IS NOT NULL OR story IS NOT NULL)';
    if (options.dryRun) {
      return Number((await this.query(`SELECT COUNT(*) AS n FROM poll_responses WHERE ${where}`, [site, before])).rows[0]!.n);
    }
    // One statement: the envelopes first (CTE), then the responses. The envelope no longer keeps
    // the texts (`envelopeOf`), but an instance of the previous release may still write them during
    // a rolling upgrade; the CTE may go a release later.
    const { rowCount } = await this.query(
      `WITH envelopes AS (
         UPDATE submissions SET data = data - 'comment' - 'story'
         WHERE id IN (SELECT id FROM poll_responses WHERE ${where}))
       UPDATE poll_responses SET comment = NULL, story = NULL, story_selected = false WHERE ${where}`,
      [site, before],
    );
    return rowCount ?? 0;
  }

  async selectStory(site: string, id: string, selected: boolean): Promise<PollResponseRecord | null> {
    const { rows } = await this.query(
      `UPDATE poll_responses SET story_selected = ($3 AND story IS NOT NULL) WHERE site = $1 AND id = $2 RETURNING ${POLL_RESPONSE_COLUMNS}`,
      [site, id, selected],
    );
    return rows[0] ? toPollResponse(rows[0]) : null;
  }
}
