/**
 * The SQLite store: one file, one connection per process. better-sqlite3 is synchronous, so a
 * transaction here cannot interleave with another request of the same process; several processes
 * on one file are serialised by SQLite's write lock (`BEGIN IMMEDIATE` + busy_timeout). The writes
 * on the request path (submissions, votes, rate-limit hits) share commits (`GroupCommit`), each
 * answered only after its commit's fsync; the rare coordinator writes commit on their own.
 *
 * The SQL of each domain lives in its part (sqlite-<part>.ts, given the connection through a
 * handle); this module opens the database, migrates it, and keeps what spans it as a whole.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { HandledKind, HandledState } from '../../schema/index.js';
import { HANDLED_TABLES, handledState } from './projections.js';
import { GroupCommit } from './sqlite-group-commit.js';
import { erasedOnOpen } from './migration.js';
import { SQLITE_MIGRATIONS, type Migration } from './sqlite-migrations.js';
import { SqliteAccess } from './access/sqlite-access.js';
import { SqliteIdeas } from './ideas/sqlite-ideas.js';
import { SqliteIntakes } from './intakes/sqlite-intakes.js';
import { SqlitePolls } from './polls/sqlite-polls.js';
import { SqliteActivities } from './activities/sqlite-activities.js';
import { SqliteVolunteer } from './volunteer/sqlite-volunteer.js';
import { SqliteWebhooks } from './webhooks/sqlite-webhooks.js';
import { SqliteLimits } from './limits/sqlite-limits.js';
import { SqliteAudit } from './audit/sqlite-audit.js';
import type { SqliteHandle } from './sqlite-part.js';
import type { Row } from './sqlite-rows.js';
import type { HandledMark, Store } from './types.js';

export interface SqliteStoreOptions {
  /** Milliseconds a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

export class SqliteStore implements Store {
  /** The connection, exposed for operations tooling and tests (e.g. to read PRAGMAs). */
  readonly db: Database.Database;
  readonly appliedOnOpen: number[] = [];
  /** Batches the request-path writes (submissions, votes, rate-limit hits) into shared commits. */
  readonly groupCommit: GroupCommit;
  private readonly statements = new Map<string, Database.Statement>();

  // The parts of the store, one per domain; each holds its own SQL.
  /** Sites and coordinator tokens: access/sqlite-access.ts. */
  readonly access: SqliteAccess;
  /** Ideas and votes: ideas/sqlite-ideas.ts. */
  readonly ideas: SqliteIdeas;
  /** Welcome intakes and their flows: intakes/sqlite-intakes.ts. */
  readonly intakes: SqliteIntakes;
  /** Feedback polls, responses and stories: polls/sqlite-polls.ts. */
  readonly polls: SqlitePolls;
  /** Calendar items and "ik kom" attendance: activities/sqlite-activities.ts. */
  readonly activities: SqliteActivities;
  /** Volunteer roles, shifts, sign-ups and their notifications: volunteer/sqlite-volunteer.ts. */
  readonly volunteer: SqliteVolunteer;
  /** The webhook and its delivery outbox: webhooks/sqlite-webhooks.ts. */
  readonly webhooks: SqliteWebhooks;
  /** Rate-limit buckets and the replay records of render tokens and proof-of-work: limits/sqlite-limits.ts. */
  readonly limits: SqliteLimits;
  /** The audit log: audit/sqlite-audit.ts. */
  readonly audit: SqliteAudit;

  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // busy_timeout first: another instance may hold the lock while we switch to WAL or migrate.
    this.db.pragma(`busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5000)}`);
    this.db.pragma('journal_mode = WAL');
    // FULL, not the WAL default NORMAL: NORMAL skips the fsync at commit, so a power cut can lose
    // commits we already answered 2xx for; the widget would then have dropped its outbox copy.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Erased means gone from the file: deleted rows and freed pages are overwritten with zeros
    // instead of lingering until SQLite happens to reuse the space. A per-connection setting.
    this.db.pragma('secure_delete = ON');
    if (path !== ':memory:') this.useIncrementalVacuum();
    this.migrate(SQLITE_MIGRATIONS);
    if (erasedOnOpen(SQLITE_MIGRATIONS, this.appliedOnOpen)) this.clearFreedSpace();
    this.groupCommit = new GroupCommit(this.db);
    const handle: SqliteHandle = { db: this.db, groupCommit: this.groupCommit, sql: (text) => this.sql(text) };
    this.access = new SqliteAccess(handle);
    this.ideas = new SqliteIdeas(handle);
    this.intakes = new SqliteIntakes(handle);
    this.polls = new SqlitePolls(handle);
    this.activities = new SqliteActivities(handle);
    this.volunteer = new SqliteVolunteer(this.db, this.groupCommit);
    this.webhooks = new SqliteWebhooks(handle);
    this.limits = new SqliteLimits(handle);
    this.audit = new SqliteAudit(handle);
  }

  /**
   * Incremental auto-vacuum lets `overwriteFreedSpace` hand freed pages back to the file system
   * after an erasure. The setting takes effect with one VACUUM (instant on a new file), which on an older file
   * also rewrites whatever older deletions left in free pages before secure_delete was on. When
   * another instance holds the database the VACUUM waits for the next start.
   */
  private useIncrementalVacuum(): void {
    if (this.db.pragma('auto_vacuum', { simple: true }) === 2) return;
    this.db.pragma('auto_vacuum = INCREMENTAL');
    try {
      this.db.exec('VACUUM');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    }
  }

  /** Prepared once per SQL text; the set of texts is small and fixed. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** A write transaction that takes the write lock at BEGIN, so it never fails halfway on BUSY. */
  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private migrate(migrations: readonly Migration[]): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const applied = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
    const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const sorted = [...migrations].sort((a, b) => a.version - b.version);
    // One IMMEDIATE transaction: two instances starting together must not both migrate.
    this.write(() => {
      for (const m of sorted) {
        if (applied.get(m.version)) continue;
        this.db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
        this.appliedOnOpen.push(m.version);
      }
    });
  }

  async migrations(): Promise<number[]> {
    return this.sql('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async setHandled(site: string, kind: HandledKind, id: string, mark: HandledMark | null): Promise<HandledState | null> {
    const { table, where } = HANDLED_TABLES[kind];
    const sets = mark
      ? 'handled_by = CASE WHEN handled_at IS NULL THEN ? ELSE handled_by END, handled_at = COALESCE(handled_at, ?)'
      : 'handled_at = NULL, handled_by = NULL';
    const row = this.write(
      () =>
        this.sql(`UPDATE ${table} SET ${sets} WHERE site = ? AND id = ?${where} RETURNING handled_at, handled_by`).get(
          ...(mark ? [mark.by, mark.at] : []),
          site,
          id,
        ) as Row | undefined,
    );
    return row ? handledState(row) : null;
  }

  async secret(name: string, candidate: string): Promise<string> {
    // Insert-if-absent, then read: instances starting together end up with the same secret.
    this.sql('INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run(
      name,
      candidate,
      new Date().toISOString(),
    );
    return this.sql('SELECT value FROM secrets WHERE name = ?').pluck().get(name) as string;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.groupCommit.flush(); // writes already queued still get their commit
    this.db.close();
  }

  async overwriteFreedSpace(): Promise<void> {
    this.groupCommit.flush();
    if (!this.clearFreedSpace()) throw new Error('The WAL checkpoint after an erasure was blocked by another connection; run it again');
  }

  /**
   * secure_delete already zeroed the removed rows in the main file's pages; the vacuum returns
   * free pages to the file system, and the truncating checkpoint copies the erasure into the main
   * file and empties the WAL, which still holds page images from before the erasure. False when
   * another connection blocked the checkpoint. After an erasing migration at start-up that is left
   * to the next checkpoint (SQLite's own, or the next erasure's): the instance still starts.
   */
  private clearFreedSpace(): boolean {
    this.db.pragma('incremental_vacuum');
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return !result?.busy;
  }
}
