/** PostgreSQL side of the webhook part (see webhooks.ts). */
import { PostgresPart } from '../postgres-part.js';
import { toWebhookDelivery } from '../projections.js';
import type { NewWebhookDelivery, WebhookClaim, WebhookDelivery, WebhookResult, WebhookTarget } from '../types.js';
import type { WebhooksStore } from './webhooks.js';

export class PostgresWebhooks extends PostgresPart implements WebhooksStore {
  async set(t: WebhookTarget): Promise<void> {
    await this.query(
      `INSERT INTO webhooks (site, url, secret, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`,
      [t.site, t.url, t.secret, t.createdAt],
    );
  }

  async remove(site: string): Promise<boolean> {
    const { rows } = await this.query(
      `WITH dropped AS (DELETE FROM webhook_deliveries WHERE site = $1 AND status = 'pending')
       DELETE FROM webhooks WHERE site = $1 RETURNING site`,
      [site],
    );
    return rows.length > 0;
  }

  async get(site: string): Promise<WebhookTarget | null> {
    const { rows } = await this.query('SELECT site, url, secret, created_at FROM webhooks WHERE site = $1', [site]);
    const r = rows[0];
    return r ? { site: String(r.site), url: String(r.url), secret: String(r.secret), createdAt: String(r.created_at) } : null;
  }

  async enqueue(d: NewWebhookDelivery): Promise<void> {
    await this.query(
      `INSERT INTO webhook_deliveries (id, site, event, payload, next_attempt_at, created_at)
       SELECT $1, site, $2, $3, $4, $4 FROM webhooks WHERE site = $5`,
      [d.id, d.event, JSON.stringify(d.payload), d.createdAt, d.site],
    );
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookClaim[]> {
    // SKIP LOCKED: instances claiming at the same moment each take different rows, none waits.
    const { rows } = await this.query(
      `UPDATE webhook_deliveries d SET lease_until = $2
       FROM webhooks w
       WHERE w.site = d.site AND d.id IN (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.site, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret`,
      [now, leaseUntil, limit],
    );
    return rows
      .map((r) => ({
        id: String(r.id),
        site: String(r.site),
        event: String(r.event),
        payload: r.payload,
        attempts: Number(r.attempts),
        createdAt: String(r.created_at),
        url: String(r.url),
        secret: String(r.secret),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async finishDelivery(id: string, result: WebhookResult): Promise<void> {
    await this.query(
      `UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4, finished_at = $5,
         lease_until = NULL, payload = CASE WHEN $1 = 'pending' THEN payload ELSE NULL END
       WHERE id = $6`,
      [result.status, result.attempts, result.nextAttemptAt, result.lastError, result.finishedAt, id],
    );
  }

  async listDeliveries(site: string, limit: number): Promise<WebhookDelivery[]> {
    const { rows } = await this.query(
      `SELECT id, site, event, status, attempts, next_attempt_at, last_error, created_at, finished_at
       FROM webhook_deliveries WHERE site = $1 ORDER BY id DESC LIMIT $2`,
      [site, limit],
    );
    return rows.map(toWebhookDelivery);
  }

  async listPendingPayloads(site: string): Promise<{ id: string; payload: unknown }[]> {
    const { rows } = await this.query(
      `SELECT id, payload FROM webhook_deliveries WHERE site = $1 AND status = 'pending' AND payload IS NOT NULL ORDER BY id`,
      [site],
    );
    return rows.map((r) => ({ id: String(r.id), payload: r.payload as unknown }));
  }

  async redactDeliveries(site: string, changes: readonly { id: string; payload: unknown }[]): Promise<number> {
    const drop = changes.filter((c) => c.payload === null).map((c) => c.id);
    const replace = changes.filter((c) => c.payload !== null);
    const { rows } = await this.query(
      `WITH dropped AS (
         DELETE FROM webhook_deliveries WHERE site = $1 AND id = ANY($2::text[]) AND status = 'pending' RETURNING id),
       replaced AS (
         UPDATE webhook_deliveries d SET payload = r.payload
         FROM jsonb_to_recordset($3::jsonb) AS r(id text, payload jsonb)
         WHERE d.site = $1 AND d.id = r.id AND d.status = 'pending' RETURNING d.id)
       SELECT (SELECT count(*) FROM dropped) + (SELECT count(*) FROM replaced) AS n`,
      [site, drop, JSON.stringify(replace)],
    );
    return Number(rows[0]!.n);
  }
}
