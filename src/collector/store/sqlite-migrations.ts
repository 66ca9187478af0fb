/**
 * Ordered SQLite migrations. Append only: a released migration is never edited, a change is a new
 * entry, mirrored in `postgres-migrations.ts` under the same version and name. STRICT tables so
 * SQLite enforces the column types the code assumes.
 */
import { IDEA_STATUSES } from '../../schema/index.js';
import type { Migration } from './migration.js';
import { SQLITE_VOLUNTEER_MIGRATION } from './sqlite-volunteer.js';

export type { Migration } from './migration.js';

const statusList = IDEA_STATUSES.map((s) => `'${s}'`).join(', ');

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sites, tokens, submissions, ideas, votes, rate limits, secrets, audit log',
    sql: `
      CREATE TABLE sites (
        slug            TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        time_zone       TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
        locales         TEXT NOT NULL DEFAULT '["nl","en"]',
        allowed_origins TEXT NOT NULL DEFAULT '[]',
        settings        TEXT NOT NULL DEFAULT '{"ideaSort":"newest"}',
        created_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE tokens (
        id         TEXT PRIMARY KEY,
        site       TEXT NOT NULL REFERENCES sites(slug) ON DELETE CASCADE,
        hash       TEXT NOT NULL UNIQUE,
        prefix     TEXT NOT NULL,
        label      TEXT,
        scopes     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX tokens_prefix ON tokens(prefix);

      CREATE TABLE submissions (
        id             TEXT PRIMARY KEY,
        site           TEXT NOT NULL REFERENCES sites(slug),
        widget         TEXT NOT NULL,
        kind           TEXT NOT NULL,
        locale         TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        sent_at        TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        consent        TEXT,
        data           TEXT NOT NULL,
        elapsed_ms     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX submissions_site_received ON submissions(site, received_at);

      CREATE TABLE ideas (
        id               TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site             TEXT NOT NULL REFERENCES sites(slug),
        text             TEXT NOT NULL,
        category         TEXT,
        role             TEXT,
        wants_to_help    INTEGER NOT NULL DEFAULT 0 CHECK (wants_to_help IN (0, 1)),
        name             TEXT,
        contact          TEXT,
        consent_version  TEXT,
        consent_given_at TEXT,
        locale           TEXT NOT NULL,
        published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
        status           TEXT NOT NULL DEFAULT 'ontvangen' CHECK (status IN (${statusList})),
        status_reason    TEXT,
        public_answer    TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ideas_site_created ON ideas(site, created_at, id);

      CREATE TABLE votes (
        id         TEXT PRIMARY KEY,
        idea_id    TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        site       TEXT NOT NULL REFERENCES sites(slug),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX votes_idea ON votes(idea_id);

      CREATE TABLE rate_limits (
        bucket       TEXT NOT NULL,
        key          TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        count        INTEGER NOT NULL,
        PRIMARY KEY (bucket, key, window_start)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rate_limits_window ON rate_limits(window_start);

      CREATE TABLE secrets (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        site      TEXT,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT,
        row_count INTEGER
      ) STRICT;
      CREATE INDEX audit_log_site ON audit_log(site, at);
    `,
  },
  {
    version: 2,
    name: 'consent text hash on ideas',
    sql: `ALTER TABLE ideas ADD COLUMN consent_hash TEXT;`,
  },
  {
    version: 3,
    name: 'calendar activities and opening hours',
    sql: `
      CREATE TABLE activities (
        id         TEXT PRIMARY KEY,
        site       TEXT NOT NULL REFERENCES sites(slug),
        kind       TEXT NOT NULL CHECK (kind IN ('activity', 'opening-hours')),
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX activities_site_created ON activities(site, created_at, id);
    `,
  },
  {
    version: 5,
    name: 'volunteer roles, shifts, sign-ups and notifications',
    sql: SQLITE_VOLUNTEER_MIGRATION,
  },
];
