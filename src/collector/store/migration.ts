/**
 * A schema migration. Each dialect keeps one ordered, append-only list; the lists are parallel
 * (same versions, same names), so `schema_migrations` reads the same on SQLite and PostgreSQL.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * It removes personal data: once it is committed the store clears the freed space as after an
   * erasure (`overwriteFreedSpace`), so the old bytes leave the SQLite file and its WAL, and
   * PostgreSQL's VACUUM (which cannot run in the migration's transaction) drops the old row versions.
   */
  erases?: true;
}

/**
 * Whether the migrations applied on opening removed personal data from a database that held
 * some: one made just now (its first migration among them) has nothing to clear.
 */
export function erasedOnOpen(migrations: readonly Migration[], applied: readonly number[]): boolean {
  if (applied.includes(1)) return false;
  return migrations.some((m) => m.erases && applied.includes(m.version));
}
