/** PostgreSQL side of the audit part (see audit.ts). */
import type { AuditStore } from './audit.js';
import { PostgresPart } from '../postgres-part.js';
import type { AuditEntry } from '../types.js';

// Columns are always listed: statements are prepared per connection, and a prepared `SELECT *`
// fails ("cached plan must not change result type") once a newer instance adds a column.
const AUDIT_COLUMNS = 'at, site, actor, action, target, row_count';

export class PostgresAudit extends PostgresPart implements AuditStore {
  async append(e: AuditEntry): Promise<void> {
    await this.query('INSERT INTO audit_log (at, site, actor, action, target, row_count) VALUES ($1, $2, $3, $4, $5, $6)', [
      e.at,
      e.site,
      e.actor,
      e.action,
      e.target,
      e.rowCount,
    ]);
  }

  async list(site: string): Promise<AuditEntry[]> {
    const { rows } = await this.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE site = $1 ORDER BY id`, [site]);
    return rows.map((r) => ({
      at: String(r.at),
      site: r.site as string | null,
      actor: String(r.actor),
      action: String(r.action),
      target: r.target as string | null,
      rowCount: r.row_count as number | null,
    }));
  }
}
