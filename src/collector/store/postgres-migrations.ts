/**
 * Ordered PostgreSQL migrations, parallel to `sqlite-migrations.ts`: the same versions and names,
 * the same tables and columns. Differences are only in types: `timestamptz` for instants, `jsonb`
 * for JSON, `boolean`, `bigint` for epoch milliseconds, and `COLLATE "C"` on keys so ids and slugs
 * sort byte-wise as in SQLite whatever the database's locale. Append only, like the SQLite list.
 */
import type pg from 'pg';
import { IDEA_STATUSES } from '../../schema/index.js';
import type { Migration } from './migration.js';
import { POSTGRES_VOLUNTEER_MIGRATION } from './volunteer/postgres-volunteer.js';

const statusList = IDEA_STATUSES.map((s) => `'${s}'`).join(', ');

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sites, tokens, submissions, ideas, votes, rate limits, secrets, audit log',
    sql: `
      CREATE TABLE sites (
        slug            text COLLATE "C" PRIMARY KEY,
        name            text NOT NULL,
        time_zone       text NOT NULL DEFAULT 'Europe/Amsterdam',
        locales         jsonb NOT NULL DEFAULT '["nl","en"]',
        allowed_origins jsonb NOT NULL DEFAULT '[]',
        settings        jsonb NOT NULL DEFAULT '{"ideaSort":"newest"}',
        created_at      timestamptz NOT NULL
      );

      CREATE TABLE tokens (
        id         text COLLATE "C" PRIMARY KEY,
        site       text COLLATE "C" NOT NULL REFERENCES sites(slug) ON DELETE CASCADE,
        hash       text NOT NULL UNIQUE,
        prefix     text NOT NULL,
        label      text,
        scopes     jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX tokens_prefix ON tokens(prefix);

      CREATE TABLE submissions (
        id             text COLLATE "C" PRIMARY KEY,
        site           text COLLATE "C" NOT NULL REFERENCES sites(slug),
        widget         text NOT NULL,
        kind           text NOT NULL,
        locale         text NOT NULL,
        schema_version integer NOT NULL,
        sent_at        timestamptz NOT NULL,
        received_at    timestamptz NOT NULL,
        consent        jsonb,
        data           jsonb NOT NULL,
        elapsed_ms     integer NOT NULL
      );
      CREATE INDEX submissions_site_received ON submissions(site, received_at);

      CREATE TABLE ideas (
        id               text COLLATE "C" PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site             text COLLATE "C" NOT NULL REFERENCES sites(slug),
        text             text NOT NULL,
        category         text,
        role             text,
        wants_to_help    boolean NOT NULL DEFAULT false,
        name             text,
        contact          text,
        consent_version  text,
        consent_given_at timestamptz,
        locale           text NOT NULL,
        published        boolean NOT NULL DEFAULT false,
        status           text NOT NULL DEFAULT 'ontvangen' CHECK (status IN (${statusList})),
        status_reason    text,
        public_answer    text,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      );
      CREATE INDEX ideas_site_created ON ideas(site, created_at, id);

      CREATE TABLE votes (
        id         text COLLATE "C" PRIMARY KEY,
        idea_id    text COLLATE "C" NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX votes_idea ON votes(idea_id);

      CREATE TABLE rate_limits (
        bucket       text NOT NULL,
        key          text NOT NULL,
        window_start bigint NOT NULL,
        count        integer NOT NULL,
        PRIMARY KEY (bucket, key, window_start)
      );
      CREATE INDEX rate_limits_window ON rate_limits(window_start);

      CREATE TABLE secrets (
        name       text PRIMARY KEY,
        value      text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE audit_log (
        id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at        timestamptz NOT NULL,
        site      text COLLATE "C",
        actor     text NOT NULL,
        action    text NOT NULL,
        target    text,
        row_count integer
      );
      CREATE INDEX audit_log_site ON audit_log(site, at);
    `,
  },
  {
    version: 2,
    name: 'consent text hash on ideas',
    sql: `ALTER TABLE ideas ADD COLUMN consent_hash text;`,
  },
  {
    version: 3,
    name: 'calendar activities and opening hours',
    sql: `
      CREATE TABLE activities (
        id         text COLLATE "C" PRIMARY KEY,
        site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
        kind       text NOT NULL CHECK (kind IN ('activity', 'opening-hours')),
        data       jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz
      );
      CREATE INDEX activities_site_created ON activities(site, created_at, id);
    `,
  },
  {
    // — welcome intake —
    version: 4,
    name: 'welcome intakes (sensitive answers sealed) and versioned intake flows',
    sql: `
      CREATE TABLE intakes (
        id               text COLLATE "C" PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site             text COLLATE "C" NOT NULL REFERENCES sites(slug),
        flow_id          text NOT NULL,
        flow_version     integer NOT NULL,
        visibility       text NOT NULL CHECK (visibility IN ('professional', 'host')),
        for_someone_else boolean NOT NULL,
        assisted         boolean NOT NULL,
        answers          jsonb NOT NULL,
        sealed           text,
        consent_version  text,
        consent_given_at timestamptz,
        consent_hash     text,
        locale           text NOT NULL,
        created_at       timestamptz NOT NULL
      );
      CREATE INDEX intakes_site_created ON intakes(site, created_at, id);

      CREATE TABLE intake_flows (
        site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
        version    integer NOT NULL,
        flow       jsonb NOT NULL,
        actor      text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (site, version)
      );
    `,
  },
  {
    version: 5,
    name: 'volunteer roles, shifts, sign-ups and notifications',
    sql: POSTGRES_VOLUNTEER_MIGRATION,
  },
  {
    version: 6,
    name: 'feedback poll definitions and responses',
    sql: `
      CREATE TABLE poll_definitions (
        site       text COLLATE "C" NOT NULL REFERENCES sites(slug),
        id         text COLLATE "C" NOT NULL,
        data       jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (site, id)
      );

      CREATE TABLE poll_responses (
        id              text COLLATE "C" PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        site            text COLLATE "C" NOT NULL REFERENCES sites(slug),
        poll_id         text COLLATE "C" NOT NULL,
        answer          text,
        statements      jsonb,
        comment         text,
        respondent_type text,
        story           text,
        story_selected  boolean NOT NULL DEFAULT false,
        activity_id     text,
        mode            text,
        locale          text NOT NULL,
        received_at     timestamptz NOT NULL
      );
      CREATE INDEX poll_responses_site_received ON poll_responses(site, received_at, id);
      CREATE INDEX poll_responses_site_poll ON poll_responses(site, poll_id, received_at);
    `,
  },
  {
    version: 7,
    name: 'attendance per activity occurrence',
    sql: `
      CREATE TABLE attendance (
        id          text COLLATE "C" PRIMARY KEY,
        site        text COLLATE "C" NOT NULL REFERENCES sites(slug),
        activity_id text COLLATE "C" NOT NULL REFERENCES activities(id),
        occurrence  text COLLATE "C" NOT NULL,
        places      integer NOT NULL CHECK (places > 0),
        created_at  timestamptz NOT NULL
      );
      CREATE INDEX attendance_occurrence ON attendance(activity_id, occurrence);
      CREATE INDEX attendance_site_occurrence ON attendance(site, occurrence);
    `,
  },
  {
    version: 8,
    name: 'webhooks and their delivery queue',
    sql: `
      CREATE TABLE webhooks (
        site       text COLLATE "C" PRIMARY KEY REFERENCES sites(slug) ON DELETE CASCADE,
        url        text NOT NULL,
        secret     text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE webhook_deliveries (
        id              text COLLATE "C" PRIMARY KEY,
        site            text COLLATE "C" NOT NULL REFERENCES sites(slug) ON DELETE CASCADE,
        event           text NOT NULL,
        payload         jsonb,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until     timestamptz,
        last_error      text,
        created_at      timestamptz NOT NULL,
        finished_at     timestamptz
      );
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
        bucket text COLLATE "C" NOT NULL,
        key    text COLLATE "C" NOT NULL,
        tat    double precision NOT NULL,
        denied boolean NOT NULL,
        PRIMARY KEY (bucket, key)
      );
      CREATE INDEX rate_buckets_tat ON rate_buckets(tat);
    `,
  },
  {
    version: 10,
    name: 'render token uses (replay store)',
    sql: `
      CREATE TABLE form_token_uses (
        nonce         text COLLATE "C" PRIMARY KEY,
        site          text COLLATE "C" NOT NULL,
        submission_id text COLLATE "C" NOT NULL,
        used_at       timestamptz NOT NULL
      );
      CREATE INDEX form_token_uses_used ON form_token_uses(used_at);
    `,
  },
  {
    version: 11,
    name: 'proof-of-work uses (replay store)',
    sql: `
      CREATE TABLE pow_uses (
        challenge     text COLLATE "C" PRIMARY KEY,
        site          text COLLATE "C" NOT NULL,
        submission_id text COLLATE "C" NOT NULL,
        used_at       timestamptz NOT NULL
      );
      CREATE INDEX pow_uses_used ON pow_uses(used_at);
    `,
  },
  {
    version: 12,
    name: 'handled state of ideas, intakes, poll responses, shift sign-ups and general sign-ups',
    // "Mark as handled" on the coordinator page: when, and by which token (its label, else its
    // prefix). General sign-ups live in \`submissions\` only, so the envelope carries it for them.
    sql: `
      ALTER TABLE ideas ADD COLUMN handled_at timestamptz;
      ALTER TABLE ideas ADD COLUMN handled_by text;
      ALTER TABLE intakes ADD COLUMN handled_at timestamptz;
      ALTER TABLE intakes ADD COLUMN handled_by text;
      ALTER TABLE poll_responses ADD COLUMN handled_at timestamptz;
      ALTER TABLE poll_responses ADD COLUMN handled_by text;
      ALTER TABLE volunteer_signups ADD COLUMN handled_at timestamptz;
      ALTER TABLE volunteer_signups ADD COLUMN handled_by text;
      ALTER TABLE submissions ADD COLUMN handled_at timestamptz;
      ALTER TABLE submissions ADD COLUMN handled_by text;
    `,
  },
  {
    version: 13,
    name: "merged duplicate ideas and coordinators' tags on ideas",
    sql: `
      -- A merged idea keeps its text and votes; erasing the idea it was merged into sets it free.
      ALTER TABLE ideas ADD COLUMN merged_into text COLLATE "C" REFERENCES ideas(id) ON DELETE SET NULL;
      ALTER TABLE ideas ADD COLUMN merged_at timestamptz;
      CREATE INDEX ideas_merged_into ON ideas(merged_into) WHERE merged_into IS NOT NULL;
      -- Tags as a sorted array on the row: read with every idea at no extra cost (a tag table
      -- cost a third more time in a million-row export); a site has few enough ideas to scan for counts.
      ALTER TABLE ideas ADD COLUMN tags text[] COLLATE "C" NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 14,
    name: 'where an imported calendar item came from',
    // A feed refresh or a new upload of the same calendar removes the items it no longer has;
    // items made by hand (NULL) are never touched by an import.
    sql: `
      ALTER TABLE activities ADD COLUMN source text;
    `,
  },
  {
    version: 15,
    name: 'rate buckets updated in place',
    // Every accepted submission moves its buckets' `tat`. An index on `tat` made each of those
    // updates write a new index entry and a new heap page (no HOT update), so the table and its
    // indexes grew with traffic and every take wrote more WAL. The prune (once a minute) scans the table
    // instead: it holds one row per active visitor and site, a few thousand at most. Free space in
    // each page (fillfactor) lets the new row version stay on the same page.
    sql: `
      DROP INDEX IF EXISTS rate_buckets_tat;
      ALTER TABLE rate_buckets SET (fillfactor = 70);
    `,
  },
  {
    version: 16,
    name: 'render token uses under their one name',
    // The token a widget fetches when it is shown had two names ("form token" in code, "render
    // token" in prose); it has one now, and its replay table follows.
    sql: `
      ALTER TABLE form_token_uses RENAME TO render_token_uses;
      ALTER INDEX form_token_uses_used RENAME TO render_token_uses_used;
      ALTER INDEX form_token_uses_pkey RENAME TO render_token_uses_pkey;
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
      UPDATE submissions SET data = jsonb_build_object('kind', kind)
      WHERE ((widget = 'idea-box' AND kind = 'idea') OR (widget = 'welcome-intake' AND kind = 'intake')
           OR (widget = 'feedback-poll' AND kind = 'poll-response') OR (widget = 'volunteer-signup' AND kind = 'shifts'))
        AND data <> jsonb_build_object('kind', kind);
      UPDATE submissions SET consent = NULL
      WHERE ((widget = 'idea-box' AND kind = 'idea') OR (widget = 'welcome-intake' AND kind = 'intake')) AND consent IS NOT NULL;
    `,
  },
];

/**
 * Applies the migrations not yet recorded, in one transaction, and returns their versions.
 * Instances starting together queue on an advisory lock (per schema) that ends with the
 * transaction; DDL is transactional in PostgreSQL, so a failed migration leaves nothing half done.
 */
export async function applyMigrations(client: pg.PoolClient, migrations: readonly Migration[], schema: string | null): Promise<number[]> {
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('buurtkit:migrate:' || $1, 0))`, [schema ?? 'public']);
    if (schema) {
      // Checked first: CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege.
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
