/**
 * The PostgreSQL store: a `pg` pool, hand-written SQL, the same contract as the SQLite store.
 * Every write is one statement (CTEs where two tables change together), so it is atomic without
 * holding a pooled connection across round trips, and duplicates are decided by primary keys, not
 * by a prior SELECT: any number of stateless instances can share one database.
 *
 * The SQL of each domain lives in its part (postgres-<part>.ts, given the connection through a
 * handle); this module opens the database, migrates it, and keeps what spans it as a whole.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { HandledKind, HandledState } from '../../schema/index.js';
import { erasedOnOpen } from './migration.js';
import { applyMigrations, POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { PostgresAccess } from './access/postgres-access.js';
import { PostgresIdeas } from './ideas/postgres-ideas.js';
import { PostgresIntakes } from './intakes/postgres-intakes.js';
import { PostgresPolls } from './polls/postgres-polls.js';
import { PostgresActivities } from './activities/postgres-activities.js';
import { PostgresVolunteer } from './volunteer/postgres-volunteer.js';
import { PostgresWebhooks } from './webhooks/postgres-webhooks.js';
import { PostgresLimits } from './limits/postgres-limits.js';
import { PostgresAudit } from './audit/postgres-audit.js';
import { PG_TYPES, int8ToNumber, timestamptzToIso, type Row } from './postgres-rows.js';
import { HANDLED_TABLES, handledState } from './projections.js';
import type { PostgresHandle } from './postgres-part.js';
import type { HandledMark, Store } from './types.js';

/** A schema name we can put in SQL and in a connection option without quoting. */
export const PG_SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** The tables that hold personal data, vacuumed after an erasure or purge. */
const PERSONAL_DATA_TABLES = [
  'submissions',
  'ideas',
  'votes',
  'intakes',
  'poll_responses',
  'volunteer_signups',
  'volunteer_notifications',
  'webhook_deliveries',
] as const;

export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` URL. */
  url: string;
  /** Tables live in this schema (created if missing), via the connection's `search_path`. */
  schema?: string;
  /** Pool size for requests; default 10. Bookkeeping (rate limits) has its own pool of 2. */
  maxConnections?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); pg replaces it. */
  onIdleError?: (error: Error) => void;
}

function getTypeParser(oid: number, format?: string): (text: string) => unknown {
  if (format !== 'binary') {
    if (oid === PG_TYPES.timestamptz) return timestamptzToIso;
    if (oid === PG_TYPES.int8) return int8ToNumber;
  }
  return pg.types.getTypeParser(oid, format as 'text');
}

/** Adds `-c search_path=…` to the URL's own `options`, which pg would otherwise let win. */
function withSearchPath(url: string, schema: string): string {
  return withOption(url, `-c search_path=${schema}`);
}

/** Adds a server setting (`-c name=value`) to the URL's `options`, after the URL's own. */
function withOption(url: string, option: string): string {
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [own, option].filter(Boolean).join(' '));
  return parsed.toString();
}

export class PostgresStore implements Store {
  /** The pool, exposed for operations tooling and tests. */
  readonly pool: pg.Pool;
  /**
   * Bookkeeping (rate-limit takes, render-token claims) commits without waiting for the WAL flush
   * (synchronous_commit=off): a crash of the database may forget the last fraction of a second of
   * it, which only lets a few requests more through (or a token be used once more), while a site's
   * bucket row is no longer locked for a flush per take.
   */
  private readonly bookkeeping: pg.Pool;
  readonly schema: string | null;
  readonly appliedOnOpen: number[] = [];
  private readonly statementNames = new Map<string, string>();
  private closed: Promise<void> | undefined;

  // The parts of the store, one per domain; each holds its own SQL.
  /** Sites and coordinator tokens: access/postgres-access.ts. */
  readonly access: PostgresAccess;
  /** Ideas and votes: ideas/postgres-ideas.ts. */
  readonly ideas: PostgresIdeas;
  /** Welcome intakes and their flows: intakes/postgres-intakes.ts. */
  readonly intakes: PostgresIntakes;
  /** Feedback polls, responses and stories: polls/postgres-polls.ts. */
  readonly polls: PostgresPolls;
  /** Calendar items and "ik kom" attendance: activities/postgres-activities.ts. */
  readonly activities: PostgresActivities;
  /** Volunteer roles, shifts, sign-ups and their notifications: volunteer/postgres-volunteer.ts. */
  readonly volunteer: PostgresVolunteer;
  /** The webhook and its delivery outbox: webhooks/postgres-webhooks.ts. */
  readonly webhooks: PostgresWebhooks;
  /** Rate-limit buckets and the replay records of render tokens and proof-of-work: limits/postgres-limits.ts. */
  readonly limits: PostgresLimits;
  /** The audit log: audit/postgres-audit.ts. */
  readonly audit: PostgresAudit;

  private constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined && !PG_SCHEMA_PATTERN.test(options.schema)) {
      throw new Error(`Schema "${options.schema}" must be lower-case letters, digits and _`);
    }
    this.schema = options.schema ?? null;
    const connectionString = options.schema ? withSearchPath(options.url, options.schema) : options.url;
    const settings = {
      connectionTimeoutMillis: 10_000,
      application_name: 'buurtkit-collector',
      types: { getTypeParser } as pg.CustomTypesConfig,
    };
    const max = options.maxConnections ?? 10;
    this.pool = new pg.Pool({ connectionString, max, ...settings });
    this.bookkeeping = new pg.Pool({ connectionString: withOption(connectionString, '-c synchronous_commit=off'), max: 2, ...settings });
    const onIdleError = options.onIdleError ?? (() => {});
    this.pool.on('error', onIdleError);
    this.bookkeeping.on('error', onIdleError);
    const handle: PostgresHandle = {
      pool: this.pool,
      bookkeeping: this.bookkeeping,
      maxConnections: max,
      query: (text, values, rowMode, pool) => this.query(text, values, rowMode, pool),
    };
    this.access = new PostgresAccess(handle);
    this.ideas = new PostgresIdeas(handle);
    this.intakes = new PostgresIntakes(handle);
    this.polls = new PostgresPolls(handle);
    this.activities = new PostgresActivities(handle);
    this.volunteer = new PostgresVolunteer(this.pool, (text, values) => this.query(text, values));
    this.webhooks = new PostgresWebhooks(handle);
    this.limits = new PostgresLimits(handle);
    this.audit = new PostgresAudit(handle);
  }

  /** Connects and brings the schema up to date; several instances may do this at once. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      const client = await store.pool.connect();
      let failed = false;
      try {
        store.appliedOnOpen.push(...(await applyMigrations(client, POSTGRES_MIGRATIONS, store.schema)));
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        client.release(failed); // a connection that failed mid-transaction is not reused
      }
      // After the migrations' transaction committed, as VACUUM cannot run inside one.
      if (erasedOnOpen(POSTGRES_MIGRATIONS, store.appliedOnOpen)) await store.overwriteFreedSpace();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /**
   * Every statement is named, so each pooled connection parses and plans it once and then only
   * binds and executes it, saving parse and plan work on every request. The SQL texts are a
   * small fixed set: the dynamic ones vary only by which optional filters or fields are present.
   */
  private async query(text: string, values: unknown[] = [], rowMode?: 'array', pool = this.pool): Promise<pg.QueryResult<Row>> {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `bk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.statementNames.set(text, name);
    }
    return pool.query<Row>({ name, text, values, ...(rowMode && { rowMode }) });
  }

  async migrations(): Promise<number[]> {
    const { rows } = await this.query('SELECT version FROM schema_migrations ORDER BY version');
    return rows.map((r) => Number(r.version));
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async setHandled(site: string, kind: HandledKind, id: string, mark: HandledMark | null): Promise<HandledState | null> {
    const { table, where } = HANDLED_TABLES[kind];
    const sets = mark
      ? 'handled_by = CASE WHEN handled_at IS NULL THEN $3 ELSE handled_by END, handled_at = COALESCE(handled_at, $4::timestamptz)'
      : 'handled_at = NULL, handled_by = NULL';
    const { rows } = await this.query(`UPDATE ${table} SET ${sets} WHERE site = $1 AND id = $2${where} RETURNING handled_at, handled_by`, [
      site,
      id,
      ...(mark ? [mark.by, mark.at] : []),
    ]);
    return rows[0] ? handledState(rows[0]) : null;
  }

  async secret(name: string, candidate: string): Promise<string> {
    await this.query('INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      candidate,
      new Date().toISOString(),
    ]);
    return String((await this.query('SELECT value FROM secrets WHERE name = $1', [name])).rows[0]!.value);
  }

  async close(): Promise<void> {
    this.closed ??= Promise.all([this.pool.end(), this.bookkeeping.end()]).then(() => {});
    return this.closed;
  }

  async overwriteFreedSpace(): Promise<void> {
    // An UPDATE or DELETE leaves the old row version in the table until a vacuum removes it, and
    // autovacuum may wait for days on a quiet site. VACUUM cannot run in a transaction or a
    // prepared statement, hence the plain pool query. Row versions an open transaction can still
    // see stay until that transaction ends; autovacuum removes them afterwards.
    await this.pool.query(`VACUUM ${PERSONAL_DATA_TABLES.join(', ')}`);
  }
}
