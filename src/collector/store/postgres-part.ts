/**
 * What every PostgreSQL part of the store shares: the request pool, the bookkeeping pool, the
 * store's named-statement query, and the envelope row that ideas, intakes and poll responses are
 * stored with (as a CTE, in the statement that stores the widget's own row). The store makes one
 * `PostgresHandle` and gives it to each part.
 */
import type pg from 'pg';
import type { Row } from './postgres-rows.js';
import type { SubmissionRecord } from './types.js';

/** Export pages: a small first one so the download starts at once, then large ones for throughput. */
export const EXPORT_FIRST_PAGE_SIZE = 250;
export const EXPORT_PAGE_SIZE = 1000;

export interface PostgresHandle {
  readonly pool: pg.Pool;
  /**
   * Bookkeeping (rate-limit takes, render-token claims) commits without waiting for the WAL flush
   * (synchronous_commit=off): see `PostgresStore`.
   */
  readonly bookkeeping: pg.Pool;
  /** The request pool's size, which the insert batches keep half of free. */
  readonly maxConnections: number;
  /** One named statement (parsed and planned once per pooled connection), on `pool` by default. */
  query(text: string, values?: unknown[], rowMode?: 'array', pool?: pg.Pool): Promise<pg.QueryResult<Row>>;
}

export abstract class PostgresPart {
  constructor(protected readonly handle: PostgresHandle) {}

  protected get pool(): pg.Pool {
    return this.handle.pool;
  }

  protected get bookkeeping(): pg.Pool {
    return this.handle.bookkeeping;
  }

  protected query(text: string, values: unknown[] = [], rowMode?: 'array', pool?: pg.Pool): Promise<pg.QueryResult<Row>> {
    return this.handle.query(text, values, rowMode, pool);
  }
}

/**
 * The envelope row of a new submission as a CTE (`s`, parameters $1–$11 from `submissionValues`,
 * whose data and consent follow `envelopeOf`: no copy of what the kind's own table keeps): the
 * widget's own row is inserted from it, so only when the envelope was new.
 */
export const INSERT_SUBMISSION_CTE = `WITH s AS (
         INSERT INTO submissions (id, site, widget, kind, locale, schema_version, sent_at,
           received_at, consent, data, elapsed_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
         ON CONFLICT (id) DO NOTHING
         RETURNING id, site, locale, received_at)`;

/**
 * The webhook delivery of a new submission (parameters $N, $N+1, $N+2: delivery id, event,
 * payload), in the statement that stores it: only when the envelope was new and the site has a
 * webhook, and committed with it.
 */
export const queueWebhookCte = (n: number) => `w AS (
         INSERT INTO webhook_deliveries (id, site, event, payload, next_attempt_at, created_at)
         SELECT $${n}::text, s.site, $${n + 1}::text, $${n + 2}::jsonb, s.received_at, s.received_at
         FROM s JOIN webhooks ON webhooks.site = s.site WHERE $${n}::text IS NOT NULL)`;

export const webhookValues = (s: SubmissionRecord): unknown[] =>
  s.webhook ? [s.webhook.deliveryId, s.webhook.event, JSON.stringify(s.webhook.payload)] : [null, null, null];
