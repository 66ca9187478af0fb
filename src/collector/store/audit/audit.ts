/**
 * The store's audit part: the append-only log of what coordinators and the command line did
 * (exports, erasures, purges, changes), per site. One implementation per backend
 * (sqlite-audit.ts, postgres-audit.ts); reached as `store.audit`.
 */
import type { AuditEntry } from '../types.js';

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** The site's entries, oldest first. */
  list(site: string): Promise<AuditEntry[]>;
}
