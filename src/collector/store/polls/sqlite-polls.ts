/** SQLite side of the feedback-poll part (see polls.ts). */
import type { PollDefinition } from '../../../schema/index.js';
import type { PollsStore } from './polls.js';
import { handledState } from '../projections.js';
import { SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
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
    poll: JSON.parse(String(r.data)) as PollDefinition,
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
    statements: r.statements === null ? null : (JSON.parse(String(r.statements)) as Record<string, string>),
    comment: (r.comment as string | null) ?? null,
    respondentType: (r.respondent_type as PollResponseRecord['respondentType']) ?? null,
    story: (r.story as string | null) ?? null,
    storySelected: r.story_selected === 1,
    activityId: (r.activity_id as string | null) ?? null,
    mode: (r.mode as PollResponseRecord['mode']) ?? null,
    locale: String(r.locale),
    receivedAt: String(r.received_at),
    ...handledState(r),
  };
}

export class SqlitePolls extends SqlitePart implements PollsStore {
  async putDefinition(site: string, poll: PollDefinition, now: string): Promise<PollDefinitionRecord> {
    const row = this.sql(
      `INSERT INTO poll_definitions (site, id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
       RETURNING site, data, created_at, updated_at`,
    ).get(site, poll.id, JSON.stringify(poll), now, now) as Row;
    return toPollDefinition(row);
  }

  async getDefinition(site: string, id: string): Promise<PollDefinitionRecord | null> {
    const row = this.sql('SELECT site, data, created_at, updated_at FROM poll_definitions WHERE site = ? AND id = ?').get(site, id) as
      Row | undefined;
    return row ? toPollDefinition(row) : null;
  }

  async listDefinitions(site: string): Promise<PollDefinitionRecord[]> {
    const rows = this.sql('SELECT site, data, created_at, updated_at FROM poll_definitions WHERE site = ? ORDER BY created_at, id').all(
      site,
    ) as Row[];
    return rows.map(toPollDefinition);
  }

  async insertResponse(s: SubmissionRecord, r: NewPollResponse): Promise<InsertOutcome> {
    return this.groupCommit.run((): InsertOutcome => {
      const outcome = this.insertSubmissionRow(s);
      if (outcome !== 'created') return outcome;
      this.sql(
        `INSERT INTO poll_responses (id, site, poll_id, answer, statements, comment, respondent_type, story,
           activity_id, mode, locale, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.site,
        r.pollId,
        r.answer,
        r.statements ? JSON.stringify(r.statements) : null,
        r.comment,
        r.respondentType,
        r.story,
        r.activityId,
        r.mode,
        s.locale,
        s.receivedAt,
      );
      return 'created';
    });
  }

  async listResponses(site: string, q: PollResponseQuery): Promise<PollResponseRecord[]> {
    const rows = this.sql(
      `SELECT ${POLL_RESPONSE_COLUMNS} FROM poll_responses
       WHERE site = ? AND (? IS NULL OR poll_id = ?) AND (? IS NULL OR received_at >= ?)
         AND (? IS NULL OR received_at < ?) AND (? IS NULL OR story_selected = ?)
       ORDER BY received_at, id`,
    ).all(
      site,
      q.pollId ?? null,
      q.pollId ?? null,
      q.receivedFrom ?? null,
      q.receivedFrom ?? null,
      q.receivedBefore ?? null,
      q.receivedBefore ?? null,
      q.storySelected === undefined ? null : 1,
      q.storySelected ? 1 : 0,
    ) as Row[];
    return rows.map(toPollResponse);
  }

  async purgeTexts(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    const where = 'site = ? AND received_at < ? AND (comment IS NOT NULL OR story IS NOT NULL)';
    if (options.dryRun) return this.sql(`SELECT COUNT(*) FROM poll_responses WHERE ${where}`).pluck().get(site, before) as number;
    return this.write(() => {
      // The envelope no longer keeps the texts (`envelopeOf`), but an instance of the previous
      // release may still write them during a rolling upgrade; this may go a release later.
      this.sql(
        `UPDATE submissions SET data = json_remove(data, '$.comment', '$.story')
         WHERE id IN (SELECT id FROM poll_responses WHERE ${where})`,
      ).run(site, before);
      return this.sql(`UPDATE poll_responses SET comment = NULL, story = NULL, story_selected = 0 WHERE ${where}`).run(site, before)
        .changes;
    });
  }

  async selectStory(site: string, id: string, selected: boolean): Promise<PollResponseRecord | null> {
    const row = this.sql(
      `UPDATE poll_responses SET story_selected = (? AND story IS NOT NULL) WHERE site = ? AND id = ? RETURNING ${POLL_RESPONSE_COLUMNS}`,
    ).get(selected ? 1 : 0, site, id) as Row | undefined;
    return row ? toPollResponse(row) : null;
  }
}
