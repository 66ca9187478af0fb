/**
 * SQLite side of the ideas part (see ideas.ts). The request-path writes (an idea with its
 * envelope, a vote) go through the group commit; the coordinator's writes commit on their own.
 */
import type { AdminIdea, IdeaModeration, IdeaSort, IdeaTagChange, IdeaTagCount, PublishedIdea } from '../../../schema/index.js';
import type { IdeasStore } from './ideas.js';
import { planMerge, type MergeCandidate } from './idea-merge.js';
import { rowBuilder, toPublishedIdea } from '../projections.js';
import { EXPORT_PAGE_SIZE, SqlitePart } from '../sqlite-part.js';
import { toAdminIdea, type Row } from '../sqlite-rows.js';
import type { ExportQuery, IdeaQuery, InsertOutcome, MergeOutcome, NewIdea, NewVote, SubmissionRecord, VoteOutcome } from '../types.js';

const IDEA_FIELDS = `
  i.id, i.site, i.text, i.category, i.role, i.wants_to_help, i.name, i.contact, i.consent_version,
  i.consent_given_at, i.consent_hash, i.locale, i.published, i.status, i.status_reason, i.public_answer,
  i.created_at, i.updated_at, i.handled_at, i.handled_by, i.merged_into, i.merged_at, i.tags`;
const IDEA_COLUMNS = `${IDEA_FIELDS},
  (SELECT COUNT(*) FROM votes v WHERE v.idea_id = i.id)
    + (SELECT COUNT(*) FROM votes v JOIN ideas m ON m.id = v.idea_id WHERE m.merged_into = i.id) AS votes`;
/** For exports: each idea's own votes; those of ideas merged into it come from MERGED_VOTES, once. */
const EXPORT_IDEA_COLUMNS = `${IDEA_FIELDS}, (SELECT COUNT(*) FROM votes v WHERE v.idea_id = i.id) AS votes`;
/** Per idea that others were merged into: the votes of those others. */
const MERGED_VOTES = `SELECT m.merged_into, COUNT(*) FROM ideas m INDEXED BY ideas_merged_into
  JOIN votes v ON v.idea_id = m.id WHERE m.merged_into IS NOT NULL AND m.site = ? GROUP BY m.merged_into`;

/** The votes of an idea's group (the idea it is merged into, or itself, plus that idea's merged ones). */
const GROUP_VOTES = `SELECT (SELECT COUNT(*) FROM votes WHERE idea_id = g.root)
    + (SELECT COUNT(*) FROM votes v JOIN ideas m ON m.id = v.idea_id WHERE m.merged_into = g.root)
  FROM (SELECT COALESCE(merged_into, id) AS root FROM ideas WHERE id = ?) g`;

// The personal data of an idea: where it is, and how it is removed. The text stays.
const IDEA_HAS_PERSONAL_DATA = `(name IS NOT NULL OR contact IS NOT NULL OR consent_version IS NOT NULL
  OR consent_given_at IS NOT NULL OR consent_hash IS NOT NULL)`;
const CLEAR_IDEA_PERSONAL_DATA = 'name = NULL, contact = NULL, consent_version = NULL, consent_given_at = NULL, consent_hash = NULL';
// The envelope no longer keeps a copy of an idea's name, contact or consent (`envelopeOf` in
// ../projections.ts; schema version 17 removed the old copies). An instance of the previous release
// may still write one during a rolling upgrade, so the purges clear the envelope as well; this may
// go in the release after the one that stopped the copy.
const SUBMISSION_HAS_PERSONAL_DATA = `(consent IS NOT NULL
  OR json_type(data, '$.name') IS NOT NULL OR json_type(data, '$.contact') IS NOT NULL)`;
const CLEAR_SUBMISSION_PERSONAL_DATA = `consent = NULL, data = json_remove(data, '$.name', '$.contact')`;

export class SqliteIdeas extends SqlitePart implements IdeasStore {
  async insert(s: SubmissionRecord, idea: NewIdea): Promise<InsertOutcome> {
    return this.groupCommit.run((): InsertOutcome => {
      // The primary key decides, not a prior SELECT: a concurrent duplicate from another
      // process simply inserts nothing here.
      const row = this.insertSubmissionRow(s);
      if (row !== 'created') return row;
      this.sql(
        `INSERT INTO ideas (id, site, text, category, role, wants_to_help, name, contact,
           consent_version, consent_given_at, consent_hash, locale, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.site,
        idea.text,
        idea.category,
        idea.role,
        idea.wantsToHelp ? 1 : 0,
        idea.name,
        idea.contact,
        idea.consentVersion,
        idea.consentGivenAt,
        idea.consentHash,
        s.locale,
        s.receivedAt,
        s.receivedAt,
      );
      return 'created';
    });
  }

  async get(site: string, id: string): Promise<AdminIdea | null> {
    return this.ideaSync(site, id);
  }

  private ideaSync(site: string, id: string): AdminIdea | null {
    const sql = `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.site = ? AND i.id = ?`;
    const row = this.sql(sql).get(site, id) as Row | undefined;
    return row ? toAdminIdea(row) : null;
  }

  async list(site: string, q: IdeaQuery): Promise<AdminIdea[]> {
    const where = ['i.site = ?'];
    const params: unknown[] = [site];
    if (q.status !== undefined) {
      where.push('i.status = ?');
      params.push(q.status);
    }
    if (q.published !== undefined) {
      where.push('i.published = ?');
      params.push(q.published ? 1 : 0);
    }
    if (q.handled !== undefined) where.push(`i.handled_at IS ${q.handled ? 'NOT ' : ''}NULL`);
    if (q.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(i.tags) WHERE value = ?)');
      params.push(q.tag);
    }
    const rows = this.sql(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE ${where.join(' AND ')}
       ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`,
    ).all(...params, q.limit, q.offset) as Row[];
    return rows.map(toAdminIdea);
  }

  async listPublished(site: string, sort: IdeaSort, limit: number): Promise<PublishedIdea[]> {
    const order = sort === 'votes' ? 'votes DESC, i.created_at DESC, i.id DESC' : 'i.created_at DESC, i.id DESC';
    const rows = this.sql(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.site = ? AND i.published = 1 AND i.merged_into IS NULL
       ORDER BY ${order} LIMIT ?`,
    ).all(site, limit) as Row[];
    return rows.map(toAdminIdea).map(toPublishedIdea);
  }

  async moderate(site: string, id: string, m: IdeaModeration, now: string): Promise<AdminIdea | null> {
    const columns: [string, unknown][] = [];
    if (m.published !== undefined) columns.push(['published', m.published ? 1 : 0]);
    if (m.status !== undefined) columns.push(['status', m.status]);
    if (m.statusReason !== undefined) columns.push(['status_reason', m.statusReason]);
    if (m.publicAnswer !== undefined) columns.push(['public_answer', m.publicAnswer]);
    columns.push(['updated_at', now]);
    const sets = columns.map(([name]) => `${name} = ?`).join(', ');
    return this.write(() => {
      const changed = this.sql(`UPDATE ideas SET ${sets} WHERE site = ? AND id = ?`).run(
        ...columns.map(([, value]) => value),
        site,
        id,
      ).changes;
      return changed ? this.ideaSync(site, id) : null;
    });
  }

  async merge(site: string, target: string, ids: readonly string[], now: string): Promise<MergeOutcome> {
    return this.write((): MergeOutcome => {
      const rows = this.sql(
        `SELECT id, merged_into AS mergedInto,
           (SELECT COUNT(*) FROM ideas c WHERE c.merged_into = i.id) AS mergedCount
         FROM ideas i WHERE site = ? AND id IN (SELECT value FROM json_each(?))`,
      ).all(site, JSON.stringify([target, ...ids])) as MergeCandidate[];
      const plan = planMerge(target, ids, rows);
      if (plan.outcome !== 'go') return plan;
      this.sql(
        `UPDATE ideas SET merged_into = ?, merged_at = ?, updated_at = ?
         WHERE site = ? AND id IN (SELECT value FROM json_each(?))`,
      ).run(target, now, now, site, JSON.stringify(plan.ids));
      if (plan.ids.length) this.sql('UPDATE ideas SET updated_at = ? WHERE id = ?').run(now, target);
      return { outcome: 'merged', idea: this.ideaSync(site, target)!, merged: plan.ids };
    });
  }

  async unmerge(site: string, id: string, now: string): Promise<{ idea: AdminIdea; from: string } | null> {
    return this.write(() => {
      const from = this.sql('SELECT merged_into FROM ideas WHERE site = ? AND id = ? AND merged_into IS NOT NULL').pluck().get(site, id) as
        string | undefined;
      if (!from) return null;
      this.sql('UPDATE ideas SET merged_into = NULL, merged_at = NULL, updated_at = ? WHERE id = ?').run(now, id);
      this.sql('UPDATE ideas SET updated_at = ? WHERE id = ?').run(now, from);
      return { idea: this.ideaSync(site, id)!, from };
    });
  }

  async changeTags(site: string, id: string, change: IdeaTagChange, now: string): Promise<AdminIdea | null> {
    return this.write(() => {
      const stored = this.sql('SELECT tags FROM ideas WHERE site = ? AND id = ?').pluck().get(site, id) as string | undefined;
      if (stored === undefined) return null;
      const tags = new Set((JSON.parse(stored) as string[]).filter((t) => !change.remove.includes(t)));
      for (const tag of change.add) tags.add(tag);
      this.sql('UPDATE ideas SET tags = ?, updated_at = ? WHERE id = ?').run(JSON.stringify([...tags].sort()), now, id);
      return this.ideaSync(site, id);
    });
  }

  async listTags(site: string): Promise<IdeaTagCount[]> {
    return this.sql(
      `SELECT j.value AS tag, COUNT(DISTINCT i.id) AS ideas
       FROM ideas t, json_each(t.tags) j JOIN ideas i ON i.id = t.id OR i.merged_into = t.id
       WHERE t.site = ? AND t.tags <> '[]' GROUP BY j.value ORDER BY ideas DESC, tag`,
    ).all(site) as IdeaTagCount[];
  }

  async count(site: string, q: ExportQuery): Promise<number> {
    const sql = 'SELECT COUNT(*) FROM ideas WHERE site = ? AND created_at <= ?';
    return this.sql(sql).pluck().get(site, q.receivedUpTo) as number;
  }

  async *export(site: string, q: ExportQuery): AsyncIterable<AdminIdea> {
    // Keyset pages instead of one open cursor: better-sqlite3 cannot run other statements on the
    // connection while an iterator is open, and a slow download must not block submissions.
    // Rows as arrays (this statement is used only here): building one object per row in the
    // driver costs more than the query itself at a million rows.
    const page = this.sql(
      `SELECT ${EXPORT_IDEA_COLUMNS} FROM ideas i
       WHERE i.site = ? AND i.created_at <= ? AND (i.created_at, i.id) > (?, ?)
       ORDER BY i.created_at, i.id LIMIT ?`,
    ).raw(true);
    const names = page.columns().map((c) => c.name);
    const named = rowBuilder(names);
    const [createdAt, id] = [names.indexOf('created_at'), names.indexOf('id')];
    const merged = new Map(this.sql(MERGED_VOTES).raw(true).all(site) as [string, number][]);
    let after = ['', ''];
    for (;;) {
      const rows = page.all(site, q.receivedUpTo, after[0], after[1], EXPORT_PAGE_SIZE) as unknown[][];
      for (const values of rows) {
        const idea = toAdminIdea(named(values));
        idea.votes += merged.get(idea.id) ?? 0;
        yield idea;
      }
      if (rows.length < EXPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = [String(last[createdAt]), String(last[id])];
    }
  }

  async purgeContacts(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    // Driven by the envelope: every idea has one with the same id and instant, and during a
    // rolling upgrade it may hold a copy of the personal data (see SUBMISSION_HAS_PERSONAL_DATA).
    const count = this.sql(
      `SELECT COUNT(*) FROM submissions s
       WHERE s.site = ? AND s.widget = 'idea-box' AND s.kind = 'idea' AND s.received_at < ?
         AND (${SUBMISSION_HAS_PERSONAL_DATA} OR EXISTS (
           SELECT 1 FROM ideas i WHERE i.id = s.id AND ${IDEA_HAS_PERSONAL_DATA}))`,
    ).pluck();
    if (options.dryRun) return count.get(site, before) as number;
    return this.write(() => {
      const n = count.get(site, before) as number;
      if (n === 0) return 0;
      this.sql(
        `UPDATE ideas SET ${CLEAR_IDEA_PERSONAL_DATA}
         WHERE site = ? AND created_at < ? AND ${IDEA_HAS_PERSONAL_DATA}`,
      ).run(site, before);
      this.sql(
        `UPDATE submissions SET ${CLEAR_SUBMISSION_PERSONAL_DATA}
         WHERE site = ? AND widget = 'idea-box' AND kind = 'idea' AND received_at < ?
           AND ${SUBMISSION_HAS_PERSONAL_DATA}`,
      ).run(site, before);
      return n;
    });
  }

  async listContacts(site: string): Promise<{ id: string; contact: string }[]> {
    const sql = 'SELECT id, contact FROM ideas WHERE site = ? AND contact IS NOT NULL ORDER BY created_at, id';
    return this.sql(sql).all(site) as { id: string; contact: string }[];
  }

  async erase(site: string, ids: readonly string[], options: { includeContent: boolean }): Promise<number> {
    const list = JSON.stringify(ids);
    return this.write(() => {
      const n = this.sql('SELECT COUNT(*) FROM ideas WHERE site = ? AND id IN (SELECT value FROM json_each(?))')
        .pluck()
        .get(site, list) as number;
      if (options.includeContent) {
        // The envelope's foreign keys cascade to the idea and its votes.
        this.sql(
          `DELETE FROM submissions WHERE site = ? AND id IN (SELECT value FROM json_each(?))
             AND id IN (SELECT id FROM ideas WHERE site = ?)`,
        ).run(site, list, site);
      } else {
        this.sql(`UPDATE ideas SET ${CLEAR_IDEA_PERSONAL_DATA} WHERE site = ? AND id IN (SELECT value FROM json_each(?))`).run(site, list);
        this.sql(
          `UPDATE submissions SET ${CLEAR_SUBMISSION_PERSONAL_DATA}
           WHERE site = ? AND id IN (SELECT value FROM json_each(?)) AND id IN (SELECT id FROM ideas WHERE site = ?)`,
        ).run(site, list, site);
      }
      return n;
    });
  }

  async addVote(v: NewVote): Promise<VoteOutcome> {
    return this.groupCommit.run((): VoteOutcome => {
      // The count the visitor sees: a merged idea's votes count towards the idea it is merged into.
      const countOf = (ideaId: string) => this.sql(GROUP_VOTES).pluck().get(ideaId) as number;
      // A retried vote answers as a duplicate even if the idea was hidden in between.
      const existing = this.sql('SELECT idea_id FROM votes WHERE id = ? AND site = ?').pluck().get(v.id, v.site) as string | undefined;
      if (existing) return { outcome: 'duplicate', votes: countOf(existing) };
      const published = this.sql('SELECT 1 FROM ideas WHERE id = ? AND site = ? AND published = 1').get(v.ideaId, v.site);
      if (!published) return { outcome: 'not-found', votes: 0 };
      const inserted = this.sql(
        `INSERT INTO votes (id, idea_id, site, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ).run(v.id, v.ideaId, v.site, v.createdAt).changes;
      return { outcome: inserted ? 'created' : 'duplicate', votes: countOf(v.ideaId) };
    });
  }
}
