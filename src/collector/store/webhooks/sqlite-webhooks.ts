/** SQLite side of the webhook part (see webhooks.ts). */
import { toWebhookDelivery } from '../projections.js';
import { SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
import type { NewWebhookDelivery, WebhookClaim, WebhookDelivery, WebhookResult, WebhookTarget } from '../types.js';
import type { WebhooksStore } from './webhooks.js';

export class SqliteWebhooks extends SqlitePart implements WebhooksStore {
  async set(t: WebhookTarget): Promise<void> {
    this.write(() => {
      this.sql(
        `INSERT INTO webhooks (site, url, secret, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`,
      ).run(t.site, t.url, t.secret, t.createdAt);
    });
  }

  async remove(site: string): Promise<boolean> {
    return this.write(() => {
      this.sql(`DELETE FROM webhook_deliveries WHERE site = ? AND status = 'pending'`).run(site);
      return this.sql('DELETE FROM webhooks WHERE site = ?').run(site).changes > 0;
    });
  }

  async get(site: string): Promise<WebhookTarget | null> {
    const r = this.sql('SELECT site, url, secret, created_at FROM webhooks WHERE site = ?').get(site) as Row | undefined;
    return r ? { site: String(r.site), url: String(r.url), secret: String(r.secret), createdAt: String(r.created_at) } : null;
  }

  async enqueue(d: NewWebhookDelivery): Promise<void> {
    const insert = this.sql(
      `INSERT INTO webhook_deliveries (id, site, event, payload, next_attempt_at, created_at)
       SELECT ?, site, ?, ?, ?, ? FROM webhooks WHERE site = ?`,
    );
    await this.groupCommit.run(() => insert.run(d.id, d.event, JSON.stringify(d.payload), d.createdAt, d.createdAt, d.site));
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookClaim[]> {
    return this.write(() => {
      const rows = this.sql(
        `SELECT d.id, d.site, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret
         FROM webhook_deliveries d JOIN webhooks w ON w.site = d.site
         WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
         ORDER BY d.next_attempt_at, d.id LIMIT ?`,
      ).all(now, now, limit) as Row[];
      const lease = this.sql('UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?');
      for (const r of rows) lease.run(leaseUntil, r.id);
      return rows.map((r) => ({
        id: String(r.id),
        site: String(r.site),
        event: String(r.event),
        payload: JSON.parse(String(r.payload)) as unknown,
        attempts: Number(r.attempts),
        createdAt: String(r.created_at),
        url: String(r.url),
        secret: String(r.secret),
      }));
    });
  }

  async finishDelivery(id: string, result: WebhookResult): Promise<void> {
    this.write(() => {
      this.sql(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, finished_at = ?,
           lease_until = NULL, payload = CASE WHEN ? = 'pending' THEN payload ELSE NULL END
         WHERE id = ?`,
      ).run(result.status, result.attempts, result.nextAttemptAt, result.lastError, result.finishedAt, result.status, id);
    });
  }

  async listDeliveries(site: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = this.sql(
      `SELECT id, site, event, status, attempts, next_attempt_at, last_error, created_at, finished_at
       FROM webhook_deliveries WHERE site = ? ORDER BY id DESC LIMIT ?`,
    ).all(site, limit) as Row[];
    return rows.map(toWebhookDelivery);
  }

  async listPendingPayloads(site: string): Promise<{ id: string; payload: unknown }[]> {
    const rows = this.sql(
      `SELECT id, payload FROM webhook_deliveries WHERE site = ? AND status = 'pending' AND payload IS NOT NULL ORDER BY id`,
    ).all(site) as Row[];
    return rows.map((r) => ({ id: String(r.id), payload: JSON.parse(String(r.payload)) as unknown }));
  }

  async redactDeliveries(site: string, changes: readonly { id: string; payload: unknown }[]): Promise<number> {
    const drop = this.sql(`DELETE FROM webhook_deliveries WHERE site = ? AND id = ? AND status = 'pending'`);
    const replace = this.sql(`UPDATE webhook_deliveries SET payload = ? WHERE site = ? AND id = ? AND status = 'pending'`);
    return this.write(() =>
      changes.reduce(
        (n, c) => n + (c.payload === null ? drop.run(site, c.id) : replace.run(JSON.stringify(c.payload), site, c.id)).changes,
        0,
      ),
    );
  }
}
