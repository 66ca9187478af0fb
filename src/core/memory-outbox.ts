/**
 * An outbox that never writes to the device: for what must not be stored readable (an intake that
 * could not be sealed: webhook mode, no site key yet, no WebCrypto). Its store is this page's
 * memory, so items are still sent and retried (backoff, `online`, a visible tab) while the page is
 * open, and are gone when it closes. The caller tells the visitor so; the outbox cannot know.
 */
import { Outbox, type OutboxItem, type OutboxStore } from './outbox.js';

class PageMemoryStore implements OutboxStore {
  private readonly items = new Map<string, OutboxItem>();
  async put(item: OutboxItem) {
    this.items.set(item.id, structuredClone(item));
  }
  async delete(id: string) {
    this.items.delete(id);
  }
  async all() {
    return [...this.items.values()].map((i) => structuredClone(i));
  }
  async clear() {
    this.items.clear();
  }
}

let memory: Outbox | undefined;
/** The page's memory-only outbox, started on first use (its own lock: it shares nothing with the stored one). */
export function memoryOutbox(): Outbox {
  return (memory ??= new Outbox({ store: new PageMemoryStore(), lockName: 'buurtkit-memory-outbox' })).start();
}
