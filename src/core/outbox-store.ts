/**
 * Where outbox items live: IndexedDB (db `buurtkit`, store `outbox`, key `id`). When it fails
 * (private mode, quota, disabled storage) the outbox keeps items in memory instead.
 */
import type { OutboxRequest } from './endpoint.js';
import { DB_NAME, outboxDbExists } from './outbox-db.js';

export interface OutboxItem extends OutboxRequest {
  /** The envelope id: idempotency key at the endpoint, and key in the store. */
  id: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  site: string;
  widget: string;
  /** HTTP status of the last failed attempt; 0 for a network error. */
  lastStatus?: number;
  /** The render token this item is sent with (collector submissions), once it has one. */
  renderToken?: string;
  /** Local time (epoch ms) from which `renderToken` is accepted. */
  tokenUsableAt?: number;
  /** The collector asked for proof-of-work (428 `pow_*`); `pow` is the solved payload, once there is one. */
  powNeeded?: boolean;
  pow?: string;
}

export interface OutboxStore {
  put(item: OutboxItem): Promise<unknown>;
  delete(id: string): Promise<unknown>;
  all(): Promise<OutboxItem[]>;
  clear(): Promise<unknown>;
}

export const STORE_NAME = 'outbox';

export class IdbOutboxStore implements OutboxStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly dbName = DB_NAME) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(this.dbName, 1);
      // Version 1 is the first: the store is always new here.
      req.onupgradeneeded = () => req.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
      req.onsuccess = () => {
        const db = req.result;
        // Let a newer version of the bundle upgrade the database; reopen on next use.
        db.onversionchange = () => {
          db.close();
          this.db = undefined;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB open blocked'));
    });
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await this.open()).transaction(STORE_NAME, mode);
    const req = fn(tx.objectStore(STORE_NAME));
    // A write is durable only when the transaction completes, not when the request succeeds.
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  put(item: OutboxItem) {
    return this.run('readwrite', (s) => s.put(item));
  }
  delete(id: string) {
    return this.run('readwrite', (s) => s.delete(id));
  }
  async all(): Promise<OutboxItem[]> {
    // Opening creates the database: until this page stores something, the database is asked for
    // by name, so a page that only shows a widget opens none and leaves none behind.
    if (!this.db && !(await outboxDbExists(this.dbName))) return [];
    return this.run<OutboxItem[]>('readonly', (s) => s.getAll());
  }
  clear() {
    return this.run('readwrite', (s) => s.clear());
  }
}
