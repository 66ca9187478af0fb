/**
 * Where outbox items live: IndexedDB (db `buurtkit`, store `outbox`, key `id`). When it fails
 * (private mode, quota, disabled storage) the outbox keeps items in memory instead.
 */
import type { OutboxRequest } from './endpoint.js';

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
}

export interface OutboxStore {
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
  all(): Promise<OutboxItem[]>;
  clear(): Promise<void>;
}

export const DB_NAME = 'buurtkit';
export const STORE_NAME = 'outbox';

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class IdbOutboxStore implements OutboxStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly dbName = DB_NAME) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(this.dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE_NAME)) {
          req.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
        }
      };
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
    const db = await this.open();
    const tx = db.transaction(STORE_NAME, mode);
    const result = done(fn(tx.objectStore(STORE_NAME)));
    // A write is durable only when the transaction completes, not when the request succeeds.
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }

  async put(item: OutboxItem) {
    await this.run('readwrite', (s) => s.put(item));
  }
  async delete(id: string) {
    await this.run('readwrite', (s) => s.delete(id));
  }
  all() {
    return this.run<OutboxItem[]>('readonly', (s) => s.getAll());
  }
  async clear() {
    await this.run('readwrite', (s) => s.clear());
  }
}
