/**
 * Group commit for SQLite writes on the request path. With synchronous=FULL every COMMIT waits for
 * an fsync of the WAL, and better-sqlite3 waits synchronously, so one commit per request makes
 * the disk's fsync latency the ceiling of the whole process. Here the writes that arrive in one
 * turn of the event loop run in one IMMEDIATE transaction, each inside its own SAVEPOINT, and are
 * answered after that transaction's COMMIT has returned: nothing is acknowledged before its fsync,
 * one fsync covers the batch, and one failing write rolls back only itself.
 */
import type Database from 'better-sqlite3';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitStats {
  /** Transactions committed by the group committer. */
  commits: number;
  /** Writes they carried. */
  writes: number;
}

export class GroupCommit {
  readonly stats: GroupCommitStats = { commits: 0, writes: 0 };
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private readonly runBatch: Database.Transaction<(batch: PendingWrite[]) => Outcome[]>;

  constructor(db: Database.Database) {
    // Called inside the batch's transaction, better-sqlite3 makes this a SAVEPOINT.
    const savepoint = db.transaction((write: () => unknown) => write());
    this.runBatch = db.transaction((batch: PendingWrite[]) =>
      batch.map((pending): Outcome => {
        try {
          return { ok: true, value: savepoint(pending.write) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `write` in the next group transaction; resolves once that transaction is durable. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request that arrived in this turn joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now (also called before the connection closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.runBatch.immediate(batch);
    } catch (error) {
      // BEGIN or COMMIT failed (busy too long, disk full, I/O error): none of it is durable.
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.stats.commits++;
    this.stats.writes += batch.length;
    batch.forEach((pending, n) => {
      const outcome = outcomes[n]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
