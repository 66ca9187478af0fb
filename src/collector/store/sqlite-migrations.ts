/**
 * Ordered SQLite migrations. Append only: a released migration is never edited, a change is a new
 * entry, mirrored in `postgres-migrations.ts` under the same version and name. STRICT tables so
 * SQLite enforces the column types the code assumes.
 */
import { IDEA_STATUSES } from '../../schema/index.js';
import type { Migration } from './migration.js';
import { SQLITE_VOLUNTEER_MIGRATION } from './volunteer/sqlite-volunteer.js';

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
    // — welcome intake —
    version: 4,
    name: 'welcome intakes (sensitive answers sealed) and versioned intake flows',
    sql: `
      CREATE TABLE intakes (
        id               TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site             TEXT NOT NULL REFERENCES sites(slug),
        flow_id          TEXT NOT NULL,
        flow_version     INTEGER NOT NULL,
        visibility       TEXT NOT NULL CHECK (visibility IN ('professional', 'host')),
        for_someone_else INTEGER NOT NULL,
        assisted         INTEGER NOT NULL,
        answers          TEXT NOT NULL,
        sealed           TEXT,
        consent_version  TEXT,
        consent_given_at TEXT,
        consent_hash     TEXT,
        locale           TEXT NOT NULL,
        created_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intakes_site_created ON intakes(site, created_at, id);

      CREATE TABLE intake_flows (
        site       TEXT NOT NULL REFERENCES sites(slug),
        version    INTEGER NOT NULL,
        flow       TEXT NOT NULL,
        actor      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (site, version)
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'volunteer roles, shifts, sign-ups and notifications',
    sql: SQLITE_VOLUNTEER_MIGRATION,
  },
  {
    version: 6,
    name: 'feedback poll definitions and responses',
    sql: `
      CREATE TABLE poll_definitions (
        site       TEXT NOT NULL REFERENCES sites(slug),
        id         TEXT NOT NULL,
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (site, id)
      ) STRICT;

      CREATE TABLE poll_responses (
        id              TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site            TEXT NOT NULL REFERENCES sites(slug),
        poll_id         TEXT NOT NULL,
        answer          TEXT,
        statements      TEXT,
        comment         TEXT,
        respondent_type TEXT,
        story           TEXT,
        story_selected  INTEGER NOT NULL DEFAULT 0 CHECK (story_selected IN (0, 1)),
        activity_id     TEXT,
        mode            TEXT,
        locale          TEXT NOT NULL,
        received_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX poll_responses_site_received ON poll_responses(site, received_at, id);
      CREATE INDEX poll_responses_site_poll ON poll_responses(site, poll_id, received_at);
    `,
  },
  {
    version: 7,
    name: 'attendance per activity occurrence',
    sql: `
      CREATE TABLE attendance (
        id          TEXT PRIMARY KEY,
        site        TEXT NOT NULL REFERENCES sites(slug),
        activity_id TEXT NOT NULL REFERENCES activities(id),
        occurrence  TEXT NOT NULL,
        places      INTEGER NOT NULL CHECK (places > 0),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attendance_occurrence ON attendance(activity_id, occurrence);
      CREATE INDEX attendance_site_occurrence ON attendance(site, occurrence);
    `,
  },
  {
    version: 8,
    name: 'webhooks and their delivery queue',
    sql: `
      CREATE TABLE webhooks (
        site       TEXT PRIMARY KEY REFERENCES sites(slug) ON DELETE CASCADE,
        url        TEXT NOT NULL,
        secret     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE webhook_deliveries (
        id              TEXT PRIMARY KEY,
        site            TEXT NOT NULL REFERENCES sites(slug) ON DELETE CASCADE,
        event           TEXT NOT NULL,
        payload         TEXT,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        lease_until     TEXT,
        last_error      TEXT,
        created_at      TEXT NOT NULL,
        finished_at     TEXT
      ) STRICT;
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
      CREATE INDEX webhook_deliveries_site ON webhook_deliveries(site, id);
    `,
  },
  {
    version: 9,
    name: 'token buckets replace fixed-window rate limits',
    sql: `
      DROP TABLE rate_limits;
      CREATE TABLE rate_buckets (
        bucket TEXT NOT NULL,
        key    TEXT NOT NULL,
        -- GCRA theoretical arrival time, epoch milliseconds (fractional: fine-grained intervals)
        tat    REAL NOT NULL,
        denied INTEGER NOT NULL,
        PRIMARY KEY (bucket, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rate_buckets_tat ON rate_buckets(tat);
    `,
  },
  {
    version: 10,
    name: 'render token uses (replay store)',
    sql: `
      CREATE TABLE form_token_uses (
        nonce         TEXT PRIMARY KEY,
        site          TEXT NOT NULL,
        submission_id TEXT NOT NULL,
        used_at       TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX form_token_uses_used ON form_token_uses(used_at);
    `,
  },
  {
    version: 11,
    name: 'proof-of-work uses (replay store)',
    sql: `
      CREATE TABLE pow_uses (
        challenge     TEXT PRIMARY KEY,
        site          TEXT NOT NULL,
        submission_id TEXT NOT NULL,
        used_at       TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pow_uses_used ON pow_uses(used_at);
    `,
  },
  {
    version: 12,
    name: 'handled state of ideas, intakes, poll responses, shift sign-ups and general sign-ups',
    // "Mark as handled" on the coordinator page: when, and by which token (its label, else its
    // prefix). General sign-ups live in \`submissions\` only, so the envelope carries it for them.
    sql: `
      ALTER TABLE ideas ADD COLUMN handled_at TEXT;
      ALTER TABLE ideas ADD COLUMN handled_by TEXT;
      ALTER TABLE intakes ADD COLUMN handled_at TEXT;
      ALTER TABLE intakes ADD COLUMN handled_by TEXT;
      ALTER TABLE poll_responses ADD COLUMN handled_at TEXT;
      ALTER TABLE poll_responses ADD COLUMN handled_by TEXT;
      ALTER TABLE volunteer_signups ADD COLUMN handled_at TEXT;
      ALTER TABLE volunteer_signups ADD COLUMN handled_by TEXT;
      ALTER TABLE submissions ADD COLUMN handled_at TEXT;
      ALTER TABLE submissions ADD COLUMN handled_by TEXT;
    `,
  },
  {
    version: 13,
    name: "merged duplicate ideas and coordinators' tags on ideas",
    sql: `
      -- A merged idea keeps its text and votes; erasing the idea it was merged into sets it free.
      ALTER TABLE ideas ADD COLUMN merged_into TEXT REFERENCES ideas(id) ON DELETE SET NULL;
      ALTER TABLE ideas ADD COLUMN merged_at TEXT;
      CREATE INDEX ideas_merged_into ON ideas(merged_into) WHERE merged_into IS NOT NULL;
      -- Tags as a sorted JSON array on the row: read with every idea at no extra cost (a tag table
      -- cost a third more time in a million-row export); a site has few enough ideas to scan for counts.
      ALTER TABLE ideas ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags));
    `,
  },
  {
    version: 14,
    name: 'where an imported calendar item came from',
    // A feed refresh or a new upload of the same calendar removes the items it no longer has;
    // items made by hand (NULL) are never touched by an import.
    sql: `
      ALTER TABLE activities ADD COLUMN source TEXT;
    `,
  },
  {
    version: 15,
    name: 'rate buckets updated in place',
    // Every accepted submission moves its buckets' `tat`; an index on it doubled the writes of each
    // take. The prune (once a minute) scans the table instead: one row per active visitor and site.
    sql: `
      DROP INDEX IF EXISTS rate_buckets_tat;
    `,
  },
  {
    version: 16,
    name: 'render token uses under their one name',
    // The token a widget fetches when it is shown had two names ("form token" in code, "render
    // token" in prose); it has one now, and its replay table follows. SQLite cannot rename an index:
    // it is made again under the new name.
    sql: `
      ALTER TABLE form_token_uses RENAME TO render_token_uses;
      DROP INDEX form_token_uses_used;
      CREATE INDEX render_token_uses_used ON render_token_uses(used_at);
    `,
  },
  {
    version: 17,
    name: 'personal data of ideas, intakes, poll responses and shift sign-ups only in their own tables',
    // Personal data in one place: ideas, intakes, poll responses and shift sign-ups have every field
    // of their payload in their own table, and the envelope kept a second copy that nothing read
    // (see `envelopeOf` in projections.ts, the same rule for new rows). Ideas and intakes keep
    // their consent in their own table too. General sign-ups have no table of their own: untouched.
    erases: true,
    sql: `
      UPDATE submissions SET data = json_object('kind', kind)
      WHERE ((widget = 'idea-box' AND kind = 'idea') OR (widget = 'welcome-intake' AND kind = 'intake')
           OR (widget = 'feedback-poll' AND kind = 'poll-response') OR (widget = 'volunteer-signup' AND kind = 'shifts'))
        AND data <> json_object('kind', kind);
      UPDATE submissions SET consent = NULL
      WHERE ((widget = 'idea-box' AND kind = 'idea') OR (widget = 'welcome-intake' AND kind = 'intake')) AND consent IS NOT NULL;
    `,
  },
];
