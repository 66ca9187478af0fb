/**
 * A schema migration. Each dialect keeps one ordered, append-only list; the lists are parallel
 * (same versions, same names), so `schema_migrations` reads the same on SQLite and PostgreSQL.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
