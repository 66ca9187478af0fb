/**
 * What every SQLite part of the store shares: the one connection, its prepared statements, the
 * group commit of request-path writes, and the envelope row that ideas, intakes and poll responses
 * are stored with. The store makes one `SqliteHandle` and gives it to each part.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './sqlite-group-commit.js';
import { submissionValues } from './projections.js';
import type { InsertOutcome, SubmissionRecord } from './types.js';

/** Rows per export page (keyset pages, so no iterator stays open across a slow download). */
export const EXPORT_PAGE_SIZE = 500;

export interface SqliteHandle {
  readonly db: Database.Database;
  /** Batches the request-path writes (submissions, votes, rate-limit hits) into shared commits. */
  readonly groupCommit: GroupCommit;
  /** Prepared once per SQL text; the set of texts is small and fixed. */
  sql(text: string): Database.Statement;
}

export abstract class SqlitePart {
  constructor(protected readonly handle: SqliteHandle) {}

  protected get db(): Database.Database {
    return this.handle.db;
  }

  protected get groupCommit(): GroupCommit {
    return this.handle.groupCommit;
  }

  protected sql(text: string): Database.Statement {
    return this.handle.sql(text);
  }

  /** A write transaction that takes the write lock at BEGIN, so it never fails halfway on BUSY. */
  protected write<T>(fn: () => T): T {
    return this.handle.db.transaction(fn).immediate();
  }

  /**
   * The envelope row alone; `created`, or what an existing row with this id means. Its data and
   * consent follow `envelopeOf` (projections.ts): no copy of what the kind's own table keeps.
   */
  protected insertSubmissionRow(s: SubmissionRecord): InsertOutcome {
    const inserted = this.sql(
      `INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at,
         received_at, consent, data, elapsed_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(...submissionValues(s));
    if (inserted.changes > 0) {
      // The outbox row in the same transaction as the submission: a crash keeps both or neither.
      if (s.webhook) {
        this.sql(
          `INSERT INTO webhook_deliveries (id, site, event, payload, next_attempt_at, created_at)
           SELECT ?, site, ?, ?, ?, ? FROM webhooks WHERE site = ?`,
        ).run(s.webhook.deliveryId, s.webhook.event, JSON.stringify(s.webhook.payload), s.receivedAt, s.receivedAt, s.site);
      }
      return 'created';
    }
    const owner = this.sql('SELECT site FROM submissions WHERE id = ?').pluck().get(s.id);
    return owner === s.site ? 'duplicate' : 'conflict';
  }
}
