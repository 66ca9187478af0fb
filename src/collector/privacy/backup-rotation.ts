/**
 * Backups and erasure: a backup made before an erasure still holds the erased person, and an
 * erasure cannot reach into a copy it does not know about. So the backups the collector makes
 * itself (`backup --dir`) are named by their instant and deleted once they are older than the
 * keep period; that period is how long an erased person can still be in a backup.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_KEEP_DAYS_DEFAULT = 30;

const BACKUP_NAME = /^buurtkit-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/;

/** `buurtkit-20261206T143000Z.sqlite`: sorts by time, and says when it was made without reading it. */
export function backupFileName(now: Date): string {
  return `buurtkit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.sqlite`;
}

function madeAt(name: string): number | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/**
 * Deletes the backups in `dir` made more than `keepDays` days before `now`; only files named by
 * `backupFileName`, never anything else in the folder. Returns the deleted file names.
 */
export function deleteExpiredBackups(dir: string, now: Date, keepDays: number): string[] {
  const cutoff = now.getTime() - keepDays * 24 * 3600 * 1000;
  const expired = readdirSync(dir).filter((name) => {
    const at = madeAt(name);
    return at !== null && at < cutoff;
  });
  for (const name of expired) rmSync(join(dir, name), { force: true });
  return expired.sort();
}
