/** SQLite side of the audit part (see audit.ts). */
import type { AuditStore } from './audit.js';
import { SqlitePart } from '../sqlite-part.js';
import type { Row } from '../sqlite-rows.js';
import type { AuditEntry } from '../types.js';

export class SqliteAudit extends SqlitePart implements AuditStore {
  async append(e: AuditEntry): Promise<void> {
    this.sql('INSERT INTO audit_log (at, site, actor, action, target, row_count) VALUES (?, ?, ?, ?, ?, ?)').run(
      e.at,
      e.site,
      e.actor,
      e.action,
      e.target,
      e.rowCount,
    );
  }

  async list(site: string): Promise<AuditEntry[]> {
    const rows = this.sql('SELECT * FROM audit_log WHERE site = ? ORDER BY id').all(site) as Row[];
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
