/**
 * PostgreSQL side of the ideas part (see ideas.ts). New ideas are batched: those that arrive
 * while earlier batches are on their way share one statement and one commit (../postgres-batch.ts).
 */
import type pg from 'pg';
import type { AdminIdea, IdeaModeration, IdeaSort, IdeaTagChange, IdeaTagCount, PublishedIdea } from '../../../schema/index.js';
import type { IdeasStore } from './ideas.js';
import { planMerge, type MergeCandidate } from './idea-merge.js';
import { Batcher } from '../postgres-batch.js';
import { EXPORT_FIRST_PAGE_SIZE, EXPORT_PAGE_SIZE, PostgresPart, type PostgresHandle } from '../postgres-part.js';
import { inTransaction, toAdminIdea, type Row } from '../postgres-rows.js';
import { envelopeOf, rowBuilder, toPublishedIdea } from '../projections.js';
import type { ExportQuery, IdeaQuery, InsertOutcome, MergeOutcome, NewIdea, NewVote, SubmissionRecord, VoteOutcome } from '../types.js';

// Most ideas have no tags: NULLIF leaves no array to parse for them (in a million-row export the
// parsing took a sixth of the time and a third more memory).
const IDEA_FIELDS = `
  i.id, i.site, i.text, i.category, i.role, i.wants_to_help, i.name, i.contact, i.consent_version,
  i.consent_given_at, i.consent_hash, i.locale, i.published, i.status, i.status_reason, i.public_answer,
  i.created_at, i.updated_at, i.handled_at, i.handled_by, i.merged_into, i.merged_at,
  NULLIF(i.tags, '{}') AS tags`;
const IDEA_COLUMNS = `${IDEA_FIELDS},
  (SELECT count(*) FROM votes v WHERE v.idea_id = i.id)
    + (SELECT count(*) FROM votes v JOIN ideas m ON m.id = v.idea_id WHERE m.merged_into = i.id) AS votes`;
/** For exports: each idea's own votes; those of ideas merged into it come from MERGED_VOTES, once. */
const EXPORT_IDEA_COLUMNS = `${IDEA_FIELDS}, (SELECT count(*) FROM votes v WHERE v.idea_id = i.id) AS votes`;
/** Per idea that others were merged into: the votes of those others (driven by the votes, which are few). */
const MERGED_VOTES = `SELECT m.merged_into, count(*) AS n FROM votes v JOIN ideas m ON m.id = v.idea_id
  WHERE m.merged_into IS NOT NULL AND m.site = $1 GROUP BY m.merged_into`;

/** The votes of an idea's group (the idea it is merged into, or itself, plus that idea's merged ones). */
const GROUP_VOTES = `SELECT (SELECT count(*) FROM votes WHERE idea_id = g.root)
    + (SELECT count(*) FROM votes v JOIN ideas m ON m.id = v.idea_id WHERE m.merged_into = g.root) AS n
  FROM (SELECT COALESCE(merged_into, id) AS root FROM ideas WHERE id = $1) g`;

// The personal data of an idea: where it is, and how it is removed. The text stays.
const IDEA_HAS_PERSONAL_DATA = (t: string) => `(${t}.name IS NOT NULL OR ${t}.contact IS NOT NULL
  OR ${t}.consent_version IS NOT NULL OR ${t}.consent_given_at IS NOT NULL OR ${t}.consent_hash IS NOT NULL)`;
const CLEAR_IDEA_PERSONAL_DATA = 'name = NULL, contact = NULL, consent_version = NULL, consent_given_at = NULL, consent_hash = NULL';
// The envelope no longer keeps a copy of an idea's name, contact or consent (`envelopeOf` in
// ../projections.ts; schema version 17 removed the old copies). An instance of the previous release
// may still write one during a rolling upgrade, so the purges clear the envelope as well; this may
// go in the release after the one that stopped the copy.
const SUBMISSION_HAS_PERSONAL_DATA = (t: string) => `(${t}.consent IS NOT NULL OR ${t}.data ? 'name' OR ${t}.data ? 'contact')`;
const CLEAR_SUBMISSION_PERSONAL_DATA = `consent = NULL, data = data - 'name' - 'contact'`;

/**
 * Many ideas in one statement (see ../postgres-batch.ts): the rows arrive as one JSON array, the
 * envelopes are inserted in id order (two batches lock shared ids in the same order), and each
 * idea and webhook delivery only for an envelope that was new. Returns the ids that were new.
 */
const INSERT_IDEAS = `WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS x(id text, site text, widget text, kind text, locale text,
      schema_version integer, sent_at timestamptz, received_at timestamptz, consent jsonb, data jsonb,
      elapsed_ms integer, text text, category text, role text, wants_to_help boolean, name text, contact text,
      consent_version text, consent_given_at timestamptz, consent_hash text,
      delivery_id text, delivery_event text, delivery_payload jsonb)),
  s AS (
    INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms)
    SELECT id, site, widget, kind, locale, schema_version, sent_at, received_at, consent, data, elapsed_ms
    FROM input ORDER BY id
    ON CONFLICT (id) DO NOTHING
    RETURNING id),
  i AS (
    INSERT INTO ideas (id, site, text, category, role, wants_to_help, name, contact,
      consent_version, consent_given_at, consent_hash, locale, created_at, updated_at)
    SELECT id, site, text, category, role, wants_to_help, name, contact,
      consent_version, consent_given_at, consent_hash, locale, received_at, received_at
    FROM input JOIN s USING (id)),
  w AS (
    INSERT INTO webhook_deliveries (id, site, event, payload, next_attempt_at, created_at)
    SELECT input.delivery_id, input.site, input.delivery_event, input.delivery_payload, input.received_at, input.received_at
    FROM input JOIN s USING (id) JOIN webhooks ON webhooks.site = input.site
    WHERE input.delivery_id IS NOT NULL)
  SELECT id FROM s`;

interface IdeaInsert {
  s: SubmissionRecord;
  idea: NewIdea;
}

export class PostgresIdeas extends PostgresPart implements IdeasStore {
  private readonly batches: Batcher<IdeaInsert, InsertOutcome | 'retry'>;

  constructor(handle: PostgresHandle) {
    super(handle);
    // Half the pool for insert batches leaves connections for reads and the admin pages.
    this.batches = new Batcher({
      run: (items) => this.insertBatch(items),
      maxInFlight: Math.max(1, handle.maxConnections >> 1),
      maxItems: 500,
    });
  }

  async insert(s: SubmissionRecord, idea: NewIdea): Promise<InsertOutcome> {
    // Batched with the ideas that arrive meanwhile: one statement and one commit for all of them.
    const outcome = await this.batches.add({ s, idea });
    return outcome === 'retry' ? this.insert(s, idea) : outcome;
  }

  /**
   * One batch of ideas in one statement. An id twice in the batch (a retry while the first was
   * on its way) goes again in a later batch, where it is a duplicate. When the statement fails,
   * each idea is tried alone, so one bad row fails only its own request.
   */
  private async insertBatch(items: IdeaInsert[]): Promise<(InsertOutcome | 'retry' | Error)[]> {
    const seen = new Set<string>();
    const batch = items.filter(({ s }) => !seen.has(s.id) && seen.add(s.id));
    // Every row an object literal of one shape (no spread), which the JSON step walks fastest.
    const rows = batch.map(({ s, idea }) => {
      const { consent, data } = envelopeOf(s);
      return {
        id: s.id,
        site: s.site,
        widget: s.widget,
        kind: s.kind,
        locale: s.locale,
        schema_version: s.schemaVersion,
        sent_at: s.sentAt,
        received_at: s.receivedAt,
        elapsed_ms: s.elapsedMs,
        consent,
        data,
        text: idea.text,
        category: idea.category,
        role: idea.role,
        wants_to_help: idea.wantsToHelp,
        name: idea.name,
        contact: idea.contact,
        consent_version: idea.consentVersion,
        consent_given_at: idea.consentGivenAt,
        consent_hash: idea.consentHash,
        delivery_id: s.webhook?.deliveryId ?? null,
        delivery_event: s.webhook?.event ?? null,
        delivery_payload: s.webhook?.payload ?? null,
      };
    });
    let created: Set<string>;
    try {
      created = new Set((await this.query(INSERT_IDEAS, [JSON.stringify(rows)])).rows.map((r) => String(r.id)));
    } catch (error) {
      if (items.length === 1) return [error as Error];
      return Promise.all(items.map((item) => this.insertBatch([item]).then((r) => r[0]!)));
    }
    // Not new: a retry of this site's submission, another site's id, or gone again (the insert
    // ours gave way to rolled back): asked in one new statement, which sees those rows.
    const others = batch.filter(({ s }) => !created.has(s.id)).map(({ s }) => s.id);
    const owners = new Map<string, string>();
    if (others.length) {
      const { rows: found } = await this.query('SELECT id, site FROM submissions WHERE id = ANY($1::text[])', [others]);
      for (const r of found) owners.set(String(r.id), String(r.site));
    }
    const first = new Set<IdeaInsert>(batch);
    return items.map((item): InsertOutcome | 'retry' => {
      if (!first.has(item)) return 'retry';
      if (created.has(item.s.id)) return 'created';
      const owner = owners.get(item.s.id);
      if (owner === undefined) return 'retry';
      return owner === item.s.site ? 'duplicate' : 'conflict';
    });
  }

  async get(site: string, id: string): Promise<AdminIdea | null> {
    const sql = `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.site = $1 AND i.id = $2`;
    const { rows } = await this.query(sql, [site, id]);
    return rows[0] ? toAdminIdea(rows[0]) : null;
  }

  async list(site: string, q: IdeaQuery): Promise<AdminIdea[]> {
    const where = ['i.site = $1'];
    const params: unknown[] = [site];
    if (q.status !== undefined) {
      params.push(q.status);
      where.push(`i.status = $${params.length}`);
    }
    if (q.published !== undefined) {
      params.push(q.published);
      where.push(`i.published = $${params.length}`);
    }
    if (q.handled !== undefined) where.push(`i.handled_at IS ${q.handled ? 'NOT ' : ''}NULL`);
    if (q.tag !== undefined) {
      params.push(q.tag);
      where.push(`$${params.length} = ANY(i.tags)`);
    }
    params.push(q.limit, q.offset);
    const { rows } = await this.query(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE ${where.join(' AND ')}
       ORDER BY i.created_at DESC, i.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toAdminIdea);
  }

  async listPublished(site: string, sort: IdeaSort, limit: number): Promise<PublishedIdea[]> {
    const order = sort === 'votes' ? 'votes DESC, i.created_at DESC, i.id DESC' : 'i.created_at DESC, i.id DESC';
    const { rows } = await this.query(
      `SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.site = $1 AND i.published AND i.merged_into IS NULL
       ORDER BY ${order} LIMIT $2`,
      [site, limit],
    );
    return rows.map(toAdminIdea).map(toPublishedIdea);
  }

  async moderate(site: string, id: string, m: IdeaModeration, now: string): Promise<AdminIdea | null> {
    const columns: [string, unknown][] = [];
    if (m.published !== undefined) columns.push(['published', m.published]);
    if (m.status !== undefined) columns.push(['status', m.status]);
    if (m.statusReason !== undefined) columns.push(['status_reason', m.statusReason]);
    if (m.publicAnswer !== undefined) columns.push(['public_answer', m.publicAnswer]);
    columns.push(['updated_at', now]);
    const sets = columns.map(([name], n) => `${name} = $${n + 3}`).join(', ');
    const { rows } = await this.query(`UPDATE ideas i SET ${sets} WHERE i.site = $1 AND i.id = $2 RETURNING ${IDEA_COLUMNS}`, [
      site,
      id,
      ...columns.map(([, value]) => value),
    ]);
    return rows[0] ? toAdminIdea(rows[0]) : null;
  }

  async merge(site: string, target: string, ids: readonly string[], now: string): Promise<MergeOutcome> {
    return inTransaction(this.pool, async (q): Promise<MergeOutcome> => {
      // Row locks on target and duplicates, in id order (no deadlock between two merges): any two
      // merges that could conflict share a row, so they run one after the other.
      const all = [target, ...ids];
      await q('SELECT id FROM ideas WHERE site = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE', [site, all]);
      const { rows } = await q(
        `SELECT id, merged_into AS "mergedInto",
           (SELECT count(*) FROM ideas c WHERE c.merged_into = i.id)::int AS "mergedCount"
         FROM ideas i WHERE site = $1 AND id = ANY($2::text[])`,
        [site, all],
      );
      const plan = planMerge(target, ids, rows as unknown as MergeCandidate[]);
      if (plan.outcome !== 'go') return plan;
      if (plan.ids.length) {
        await q(`UPDATE ideas SET merged_into = $1, merged_at = $2, updated_at = $2 WHERE site = $3 AND id = ANY($4::text[])`, [
          target,
          now,
          site,
          plan.ids,
        ]);
        await q('UPDATE ideas SET updated_at = $1 WHERE id = $2', [now, target]);
      }
      const idea = await q(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.id = $1`, [target]);
      return { outcome: 'merged', idea: toAdminIdea(idea.rows[0]!), merged: plan.ids };
    });
  }

  async unmerge(site: string, id: string, now: string): Promise<{ idea: AdminIdea; from: string } | null> {
    return inTransaction(this.pool, async (q) => {
      const { rows } = await q(
        `UPDATE ideas i SET merged_into = NULL, merged_at = NULL, updated_at = $3
         FROM ideas old WHERE old.id = i.id AND i.site = $1 AND i.id = $2 AND i.merged_into IS NOT NULL
         RETURNING old.merged_into AS "from"`,
        [site, id, now],
      );
      const from = rows[0]?.from as string | undefined;
      if (!from) return null;
      await q('UPDATE ideas SET updated_at = $1 WHERE id = $2', [now, from]);
      const idea = await q(`SELECT ${IDEA_COLUMNS} FROM ideas i WHERE i.id = $1`, [id]);
      return { idea: toAdminIdea(idea.rows[0]!), from };
    });
  }

  async changeTags(site: string, id: string, change: IdeaTagChange, now: string): Promise<AdminIdea | null> {
    // One statement: concurrent changes to the same idea queue on its row and each sees the last.
    const { rows } = await this.query(
      `UPDATE ideas i SET updated_at = $3,
         tags = ARRAY(SELECT DISTINCT t FROM unnest(i.tags || $4::text[]) t WHERE t <> ALL($5::text[]) ORDER BY t)
       WHERE i.site = $1 AND i.id = $2 RETURNING ${IDEA_COLUMNS}`,
      [site, id, now, change.add, change.remove],
    );
    return rows[0] ? toAdminIdea(rows[0]) : null;
  }

  async listTags(site: string): Promise<IdeaTagCount[]> {
    const { rows } = await this.query(
      `SELECT tag, count(DISTINCT i.id) AS ideas
       FROM ideas t CROSS JOIN LATERAL unnest(t.tags) tag JOIN ideas i ON i.id = t.id OR i.merged_into = t.id
       WHERE t.site = $1 AND t.tags <> '{}' GROUP BY tag ORDER BY ideas DESC, tag`,
      [site],
    );
    return rows.map((r) => ({ tag: String(r.tag), ideas: Number(r.ideas) }));
  }

  async count(site: string, q: ExportQuery): Promise<number> {
    const sql = 'SELECT count(*) AS n FROM ideas WHERE site = $1 AND created_at <= $2';
    return Number((await this.query(sql, [site, q.receivedUpTo])).rows[0]!.n);
  }

  async *export(site: string, q: ExportQuery): AsyncIterable<AdminIdea> {
    // Keyset pages, each its own pooled query: a slow download holds no connection between pages.
    // The next page is asked for before this one is handed out, so the database works on it
    // while this process formats rows: at most two pages are in memory. Rows come as arrays,
    // named by a compiled function: cheaper than pg's object per row.
    const page = (after: [string, string], size = EXPORT_PAGE_SIZE) =>
      this.query(
        `SELECT ${EXPORT_IDEA_COLUMNS} FROM ideas i
         WHERE i.site = $1 AND i.created_at <= $2 AND (i.created_at, i.id) > ($3::timestamptz, $4)
         ORDER BY i.created_at, i.id LIMIT $5`,
        [site, q.receivedUpTo, after[0], after[1], size],
        'array',
      ) as unknown as Promise<pg.QueryResult<unknown[]>>;
    let size = EXPORT_FIRST_PAGE_SIZE;
    let next: Promise<pg.QueryResult<unknown[]>> | null = page(['-infinity', ''], size);
    next.catch(() => {}); // handled when awaited, after the merged votes (asked for meanwhile)
    let named: ((values: readonly unknown[]) => Row) | undefined;
    try {
      const merged = new Map((await this.query(MERGED_VOTES, [site])).rows.map((r) => [String(r.merged_into), Number(r.n)]));
      while (next) {
        const { rows, fields } = await next;
        next = null;
        named ??= rowBuilder(fields.map((f) => f.name));
        const full = rows.length === size;
        size = EXPORT_PAGE_SIZE;
        if (full) {
          const last = named(rows[rows.length - 1]!);
          next = page([String(last.created_at), String(last.id)]);
          next.catch(() => {}); // handled when awaited; not an unhandled rejection meanwhile
        }
        for (const values of rows) {
          const idea = toAdminIdea(named(values));
          idea.votes += merged.get(idea.id) ?? 0;
          yield idea;
        }
      }
    } finally {
      // A download that stopped early: let the prefetched page finish, and drop it.
      await next?.catch(() => {});
    }
  }

  async purgeContacts(site: string, before: string, options: { dryRun: boolean }): Promise<number> {
    // Driven by the envelope, which may hold a copy of the personal data during a rolling upgrade
    // (see SUBMISSION_HAS_PERSONAL_DATA); one statement, so the idea and its envelope are cleared
    // together. Each UPDATE re-checks its row after waiting for a concurrent purge's lock, so rows
    // another instance just cleared are neither touched nor counted twice: idempotent, and the
    // audited counts add up across instances.
    const targets = `SELECT s.id FROM submissions s LEFT JOIN ideas i ON i.id = s.id
       WHERE s.site = $1 AND s.widget = 'idea-box' AND s.kind = 'idea' AND s.received_at < $2
         AND (${SUBMISSION_HAS_PERSONAL_DATA('s')} OR ${IDEA_HAS_PERSONAL_DATA('i')})`;
    if (options.dryRun) {
      return Number((await this.query(`SELECT count(*) AS n FROM (${targets}) t`, [site, before])).rows[0]!.n);
    }
    const { rows } = await this.query(
      `WITH targets AS (${targets}),
            ideas_cleared AS (
              UPDATE ideas i SET ${CLEAR_IDEA_PERSONAL_DATA}
              WHERE i.id IN (SELECT id FROM targets) AND ${IDEA_HAS_PERSONAL_DATA('i')} RETURNING i.id),
            submissions_cleared AS (
              UPDATE submissions s SET ${CLEAR_SUBMISSION_PERSONAL_DATA}
              WHERE s.id IN (SELECT id FROM targets) AND ${SUBMISSION_HAS_PERSONAL_DATA('s')} RETURNING s.id)
       SELECT count(*) AS n FROM (SELECT id FROM ideas_cleared UNION SELECT id FROM submissions_cleared) c`,
      [site, before],
    );
    return Number(rows[0]!.n);
  }

  async listContacts(site: string): Promise<{ id: string; contact: string }[]> {
    const sql = 'SELECT id, contact FROM ideas WHERE site = $1 AND contact IS NOT NULL ORDER BY created_at, id';
    return (await this.query(sql, [site])).rows as { id: string; contact: string }[];
  }

  async erase(site: string, ids: readonly string[], options: { includeContent: boolean }): Promise<number> {
    // One statement each way; the ids are limited to this site's ideas first.
    const targets = 'SELECT id FROM ideas WHERE site = $1 AND id = ANY($2::text[])';
    const sql = options.includeContent
      ? `WITH targets AS (${targets}),
              deleted AS (DELETE FROM submissions WHERE id IN (SELECT id FROM targets))
         SELECT count(*) AS n FROM targets`
      : `WITH targets AS (${targets}),
              ideas_cleared AS (UPDATE ideas SET ${CLEAR_IDEA_PERSONAL_DATA} WHERE id IN (SELECT id FROM targets)),
              submissions_cleared AS (
                UPDATE submissions SET ${CLEAR_SUBMISSION_PERSONAL_DATA} WHERE id IN (SELECT id FROM targets))
         SELECT count(*) AS n FROM targets`;
    return Number((await this.query(sql, [site, [...ids]])).rows[0]!.n);
  }

  async addVote(v: NewVote): Promise<VoteOutcome> {
    // The same decisions as the SQLite store, in one statement: a retried vote is a duplicate even
    // if the idea was hidden since; otherwise the idea must be a published idea of this site.
    const { rows } = await this.query(
      `WITH existing AS (SELECT idea_id FROM votes WHERE id = $1 AND site = $2),
            target AS (
              SELECT id FROM ideas
              WHERE id = $3 AND site = $2 AND published AND NOT EXISTS (SELECT 1 FROM existing)),
            inserted AS (
              INSERT INTO votes (id, idea_id, site, created_at) SELECT $1, id, $2, $4 FROM target
              ON CONFLICT (id) DO NOTHING RETURNING idea_id)
       SELECT (SELECT idea_id FROM existing) AS existing, (SELECT id FROM target) AS target,
              (SELECT count(*) FROM inserted) AS inserted`,
      [v.id, v.site, v.ideaId, v.createdAt],
    );
    const r = rows[0]!;
    const ideaId = (r.existing ?? r.target) as string | null;
    if (!ideaId) return { outcome: 'not-found', votes: 0 };
    // Counted in a new statement, so the count includes this vote and every committed one.
    // The count the visitor sees: a merged idea's votes count towards the idea it is merged into.
    const count = await this.query(GROUP_VOTES, [ideaId]);
    const outcome = r.existing === null && Number(r.inserted) === 1 ? 'created' : 'duplicate';
    return { outcome, votes: Number(count.rows[0]!.n) };
  }
}
