#!/usr/bin/env node
/**
 * `buurtkit-collector`: run the collector and manage it from a shell. Data goes to stdout (tokens,
 * CSV, the listening line), messages to stderr, so scripts can capture the one without the other.
 * Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ZodError } from 'zod';
import { DEFAULT_RETENTION, IDEA_SORTS, OFFER_HOURS_MAX, RETENTION_MONTHS_MAX, type IdeaSort } from '../schema/index.js';
import { openCollector } from './app.js';
import type { RenderTokenMode } from './render-token.js';
import { POW_DEFAULT_MAX_NUMBER, POW_MAX_NUMBER_LIMIT } from './pow.js';
import { newWebhookSecret } from './webhooks/dispatcher.js';
import { webhookUrlProblem } from './webhooks/send.js';
import { hostProblem } from './webhooks/address.js';
import { issueToken, parseScopes } from './auth.js';
import { ConfigFileError, environmentWithConfig, loadConfigFile, type CollectorConfig } from './config.js';
import { CSV_DELIMITERS } from './export/csv.js';
import { EXPORT_FORMATS, startIdeaExport, type ExportFormat } from './export/ideas.js';
import { intakeKeysFromEnv, toKeyring } from './intake-crypto.js';
import { collectorLogger } from './logging.js';
import { ContactError, erasePerson, findPerson } from './privacy/people.js';
import { purge } from './privacy/retention.js';
import { fastifyTrustProxy, parseTrustProxy, type TrustProxy } from './trust-proxy.js';
import { BACKUP_KEEP_DAYS_DEFAULT, backupFileName, deleteExpiredBackups } from './privacy/backup-rotation.js';
import { DEFAULT_RATE_LIMITS } from './rate-limit.js';
import { normaliseOrigin, parseNewSite, parseSiteChanges } from './sites.js';
import {
  DEFAULT_SQLITE_PATH,
  describeStoreTarget,
  openStore,
  resolveStoreTarget,
  StoreConfigError,
  type StoreTarget,
} from './store/open.js';
import type { Store } from './store/types.js';

const HELP = `buurtkit-collector — receives what buurtkit widgets send, for coordinators to read and export

Usage: buurtkit-collector <command> [options]

Commands:
  serve [--port N] [--host H]          Run the HTTP server (env PORT, HOST; default 127.0.0.1:8787)
        [--trust-proxy HOPS|ADDRESSES] [--log-level L]
                                       Behind your own reverse proxy: how many proxy hops to
                                       believe in X-Forwarded-For (a bare --trust-proxy is 1), or
                                       your proxies' addresses/CIDRs, e.g. 127.0.0.1,10.0.0.0/8
                                       (env BUURTKIT_TRUST_PROXY). Off by default
        [--submission-limit N] [--vote-limit N] [--rate-window SECONDS]
        [--site-submission-limit N] [--site-vote-limit N] [--render-tokens required|off]
        [--render-token-limit N]
                                       Token buckets: N per window per visitor (hashed IP), and
                                       per site for all visitors together (defaults ${DEFAULT_RATE_LIMITS.submissions.limit}/${DEFAULT_RATE_LIMITS.votes.limit},
                                       ${DEFAULT_RATE_LIMITS.siteSubmissions.limit}/${DEFAULT_RATE_LIMITS.siteVotes.limit} per ${DEFAULT_RATE_LIMITS.submissions.windowMs / 1000} s). Submissions need a
                                       render token (GET /v1/sites/:site/render-token, >= 2 s old,
                                       used once) unless --render-tokens off (trusted senders only).
                                       The earlier names --form-tokens, --form-token-limit and
                                       BUURTKIT_FORM_TOKENS still work for one release
                                       GET /healthz and /readyz for probes; SIGTERM finishes
                                       open requests, then exits. Purges expired personal
                                       data at start and daily (see purge)
  migrate                              Create or update the database tables, then exit
                                       (serve does this too; several instances may start at once)
  site add <slug> --name NAME          Add a site (a centre's website); \`site create\` is the same
        [--origin URL]... [--idea-sort newest|votes] [--time-zone TZ] [--locales nl,en]
        [--idea-contact-months N]      Keep ideas' name, contact and consent N months (default ${DEFAULT_RETENTION.ideaContactMonths})
        [--show-host-name yes|no]      <host-today> shows the host's first name (default no)
        [--offer-hours N]              Hours a volunteer offered a place from the waitlist has to confirm (default 48)
        [--proof-of-work N|on|off]     Public submissions need an ALTCHA proof of work with numbers up to N
                                       (on: ${POW_DEFAULT_MAX_NUMBER}); off by default
  site update <slug> [--name NAME] [--origin URL]... [--add-origin URL]... [--remove-origin URL]...
        [--idea-sort newest|votes] [--time-zone TZ] [--locales nl,en] [--idea-contact-months N]
        [--show-host-name yes|no] [--offer-hours N] [--proof-of-work N|on|off]
                                       --origin replaces the allowed origins, --add/--remove edit them
  site list                            List sites
  token create <site> [--scopes read,moderate,export] [--label L] [--expires-days N]
                                       Create a coordinator token; it is printed once, on stdout
  token list <site>                    List a site's tokens (prefixes only)
  token revoke <prefix>                Revoke a token by its prefix (bk_xxxxxxxx)
  export <site> ideas [--format csv|json|ndjson|xlsx] [--delimiter semicolon|comma] [--out FILE]
                                       Ideas as CSV (UTF-8 with BOM; the default), a JSON array,
                                       NDJSON or an Excel workbook, to FILE or stdout (xlsx is
                                       not written to a terminal)
  webhook set <site> <url>            Forward each accepted submission to URL (signed POST, retried
                                       about two days); prints the signing secret once, on stdout.
                                       Loopback/LAN targets are refused unless the config file says
                                       webhookAllowPrivateNetworks (env BUURTKIT_WEBHOOK_ALLOW_PRIVATE=1)
  webhook remove <site>                Stop forwarding; deliveries not yet sent are dropped
  webhook status <site>                The site's webhook and its latest deliveries
  people show <site> <contact>         Everything stored about a person (by e-mail or phone), as JSON
  people erase <site> <contact> [--include-content]   (also: erase <site> <contact>)
                                       Remove that person's name, contact and consent everywhere
                                       (--include-content: delete their records whole); prints
                                       a receipt as JSON. Both are audited without the contact
  purge [--site S] [--dry-run]         Remove personal data past its retention period (all sites
                                       unless --site); prints what was removed, audits each count
  backup --out FILE                    Copy the SQLite database while it is in use (online backup),
                                       checked with integrity_check; restore by stopping the
                                       collector and putting FILE in place of --db. For PostgreSQL
                                       use pg_dump
  backup --dir DIR [--keep-days N]     The same into DIR/buurtkit-<UTC time>.sqlite, then delete
                                       this command's backups in DIR older than N days (default
                                       ${BACKUP_KEEP_DAYS_DEFAULT}): an erased person stays in older backups at most that long

Storage, for every command:
  --database-url URL   PostgreSQL, postgres://user:password@host:5432/db (env DATABASE_URL)
  --pg-schema NAME     PostgreSQL schema for the tables, created if missing (env BUURTKIT_PG_SCHEMA)
  --db PATH            SQLite file (env BUURTKIT_DB; default ${DEFAULT_SQLITE_PATH})
  A flag wins over the environment; PostgreSQL and SQLite settings together are an error.
Config file, for every command (optional):
  --config FILE        JSON (env BUURTKIT_CONFIG) with any of: port, host, trustProxy, logLevel,
                       submissionLimit, voteLimit, siteSubmissionLimit,
                       siteVoteLimit, renderTokenLimit, rateWindow, renderTokens, databaseUrl, pgSchema, db,
                       webhookAllowPrivateNetworks.
                       Checked at start; a flag wins over the environment, the environment over
                       the file, the file over the default.
Scopes: read, moderate, export, admin (implies all but sensitive), sensitive (intake answers).
`;

class UsageError extends Error {}

/** The erasure audit's key, from the environment or the config file, never from the database. */
function auditKeyFromSettings(): string | undefined {
  const key = process.env.BUURTKIT_AUDIT_KEY || fileConfig?.auditKey;
  if (key !== undefined && key.length < 32)
    throw new UsageError('BUURTKIT_AUDIT_KEY must be at least 32 characters, e.g. openssl rand -base64 32');
  return key;
}

const OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
  'pg-schema': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  'trust-proxy': { type: 'string' },
  'log-level': { type: 'string' },
  'submission-limit': { type: 'string' },
  'vote-limit': { type: 'string' },
  'site-submission-limit': { type: 'string' },
  'site-vote-limit': { type: 'string' },
  'render-tokens': { type: 'string' },
  'render-token-limit': { type: 'string' },
  // The earlier release's names of the two flags above, still accepted so scripts keep working.
  'form-tokens': { type: 'string' },
  'form-token-limit': { type: 'string' },
  'rate-window': { type: 'string' },
  name: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'add-origin': { type: 'string', multiple: true },
  'remove-origin': { type: 'string', multiple: true },
  'idea-sort': { type: 'string' },
  'show-host-name': { type: 'string' },
  'offer-hours': { type: 'string' },
  'proof-of-work': { type: 'string' },
  'time-zone': { type: 'string' },
  locales: { type: 'string' },
  scopes: { type: 'string' },
  label: { type: 'string' },
  'expires-days': { type: 'string' },
  delimiter: { type: 'string' },
  out: { type: 'string' },
  dir: { type: 'string' },
  'keep-days': { type: 'string' },
  format: { type: 'string' },
  'idea-contact-months': { type: 'string' },
  site: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'include-content': { type: 'boolean' },
  config: { type: 'string' },
} satisfies ParseArgsConfig['options'];

type Flags = ReturnType<typeof parse>['values'];

/** A bare `--trust-proxy` (no value) still means one proxy of your own in front. */
function withTrustProxyValue(argv: string[]): string[] {
  return argv.map((arg, i) =>
    arg === '--trust-proxy' && (i + 1 >= argv.length || argv[i + 1]!.startsWith('-')) ? '--trust-proxy=1' : arg,
  );
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: withTrustProxyValue(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function integer(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

function proofOfWork(value: string): { maxNumber: number } | null {
  if (value === 'off') return null;
  if (value === 'on') return { maxNumber: POW_DEFAULT_MAX_NUMBER };
  return { maxNumber: integer(value, 'proof-of-work', 1_000, POW_MAX_NUMBER_LIMIT)! };
}

function ideaSort(value: string | undefined): IdeaSort | undefined {
  if (value === undefined) return undefined;
  if (!(IDEA_SORTS as readonly string[]).includes(value)) {
    throw new UsageError(`--idea-sort must be one of ${IDEA_SORTS.join(', ')}`);
  }
  return value as IdeaSort;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The config file's settings (`--config` or BUURTKIT_CONFIG), when one was given. */
let fileConfig: CollectorConfig | undefined;

function storeTarget(flags: Flags): StoreTarget {
  try {
    return resolveStoreTarget(
      { databaseUrl: flags['database-url'], db: flags.db, pgSchema: flags['pg-schema'] },
      environmentWithConfig(fileConfig, process.env),
    );
  } catch (error) {
    if (error instanceof StoreConfigError) throw new UsageError(error.message);
    throw error;
  }
}

async function withStore<T>(flags: Flags, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeTarget(flags));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function renderTokenMode(value: string | undefined): RenderTokenMode {
  if (value === undefined || value === 'required') return 'required';
  if (value === 'off') return 'off';
  throw new UsageError(`--render-tokens must be required or off, not "${value}"`);
}

async function serve(flags: Flags): Promise<void> {
  const file = fileConfig ?? {};
  const port = integer(flags.port ?? (process.env.PORT || undefined), 'port', 0, 65535) ?? file.port ?? 8787;
  const host = flags.host ?? (process.env.HOST || undefined) ?? file.host ?? '127.0.0.1';
  const windowMs = (integer(flags['rate-window'], 'rate-window', 1, 86400) ?? file.rateWindow ?? 600) * 1000;
  const submissions = integer(flags['submission-limit'], 'submission-limit', 1, 1e9) ?? file.submissionLimit;
  const votes = integer(flags['vote-limit'], 'vote-limit', 1, 1e9) ?? file.voteLimit;
  const siteSubmissions = integer(flags['site-submission-limit'], 'site-submission-limit', 1, 1e9) ?? file.siteSubmissionLimit;
  const renderTokenFetches =
    integer(flags['render-token-limit'], 'render-token-limit', 1, 1e9) ??
    integer(flags['form-token-limit'], 'form-token-limit', 1, 1e9) ??
    file.renderTokenLimit ??
    file.formTokenLimit;
  const siteVotes = integer(flags['site-vote-limit'], 'site-vote-limit', 1, 1e9) ?? file.siteVoteLimit;
  const storage = storeTarget(flags);
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(flags['trust-proxy'] ?? (process.env.BUURTKIT_TRUST_PROXY || undefined) ?? file.trustProxy);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Outgoing requests (webhooks, calendar feeds) may reach loopback/LAN only when the operator says so.
  const allowPrivate = file.webhookAllowPrivateNetworks ?? process.env.BUURTKIT_WEBHOOK_ALLOW_PRIVATE === '1';
  let intakeKeys;
  try {
    intakeKeys = intakeKeysFromEnv(process.env.BUURTKIT_INTAKE_KEYS) ?? file.intakeKeys;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { app } = await openCollector({
    storage,
    intakeKeys,
    auditKey: auditKeyFromSettings(),
    purge: {},
    renderTokens: renderTokenMode(
      flags['render-tokens'] ??
        flags['form-tokens'] ??
        (process.env.BUURTKIT_RENDER_TOKENS || process.env.BUURTKIT_FORM_TOKENS || undefined) ??
        file.renderTokens ??
        file.formTokens,
    ),
    webhooks: { allowPrivateNetworks: allowPrivate },
    calendarFeeds: { allowPrivateNetworks: allowPrivate },
    trustProxy: fastifyTrustProxy(trustProxy),
    rateLimits: {
      submissions: { limit: submissions ?? DEFAULT_RATE_LIMITS.submissions.limit, windowMs },
      votes: { limit: votes ?? DEFAULT_RATE_LIMITS.votes.limit, windowMs },
      siteSubmissions: { limit: siteSubmissions ?? DEFAULT_RATE_LIMITS.siteSubmissions.limit, windowMs },
      siteVotes: { limit: siteVotes ?? DEFAULT_RATE_LIMITS.siteVotes.limit, windowMs },
      renderTokens: { limit: renderTokenFetches ?? DEFAULT_RATE_LIMITS.renderTokens.limit, windowMs },
    },
    logger: collectorLogger({
      level: flags['log-level'] ?? (process.env.LOG_LEVEL || undefined) ?? file.logLevel ?? 'info',
      stream: process.stderr,
    }),
  });
  const storageText = describeStoreTarget(storage);
  app.log.info({ backend: storage.backend }, `storage: ${storageText}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(1); // a second Ctrl-C means now
    closing = true;
    app.log.info(`${signal}: finishing open requests`);
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port, host });
  const address = app.server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`buurtkit collector storage: ${storageText}\n`);
  process.stdout.write(`buurtkit collector listening on http://${shownHost}:${realPort}\n`);
}

/** Changes made from the shell are audited too, with `cli` as the actor. */
function auditCli(store: Store, site: string | null, action: string, target: string, rowCount = 1) {
  return store.audit.append({ at: new Date().toISOString(), site, actor: 'cli', action, target, rowCount });
}

/** Origins from flags, with the operator's typo reported as a usage error. */
function origins(values: string[] | undefined): string[] {
  try {
    return (values ?? []).map(normaliseOrigin);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const originList = (site: { allowedOrigins: string[] }) => site.allowedOrigins.join(', ') || 'none';

async function site(action: string | undefined, args: string[], flags: Flags): Promise<void> {
  if (action === 'list') {
    if (args.length) throw new UsageError('site list takes no arguments');
    return withStore(flags, async (store) => {
      for (const s of await store.access.listSites()) {
        const origins = s.allowedOrigins.join(' ') || '(no origins)';
        process.stdout.write(`${s.slug}\t${s.name}\t${s.settings.ideaSort}\t${origins}\n`);
      }
    });
  }
  const [slug, ...extra] = args;
  if (!slug || extra.length) {
    throw new UsageError(`site ${action ?? '<add|update|list>'} needs exactly one <slug>`);
  }
  const sort = ideaSort(flags['idea-sort']);
  const contactMonths = integer(flags['idea-contact-months'], 'idea-contact-months', 1, RETENTION_MONTHS_MAX);
  const showHost = flags['show-host-name'];
  if (showHost !== undefined && showHost !== 'yes' && showHost !== 'no') throw new UsageError('--show-host-name must be yes or no');
  const offerHours = integer(flags['offer-hours'], 'offer-hours', 1, OFFER_HOURS_MAX);
  const volunteer = {
    ...(showHost !== undefined && { showHostName: showHost === 'yes' }),
    ...(offerHours !== undefined && { offerHours }),
  };
  const settings = {
    ...(sort && { ideaSort: sort }),
    ...(contactMonths !== undefined && { retention: { ideaContactMonths: contactMonths } }),
    ...(Object.keys(volunteer).length > 0 && { volunteer }),
    ...(flags['proof-of-work'] !== undefined && { proofOfWork: proofOfWork(flags['proof-of-work']) }),
  };
  const common = {
    ...(flags['time-zone'] !== undefined && { timeZone: flags['time-zone'] }),
    ...(flags.locales !== undefined && { locales: list(flags.locales) }),
    ...(Object.keys(settings).length > 0 && { settings }),
  };
  if (action === 'add' || action === 'create') {
    if (!flags.name) throw new UsageError('site add needs --name');
    const input = parseNewSite({ slug, name: flags.name, allowedOrigins: origins(flags.origin), ...common });
    return withStore(flags, async (store) => {
      if (await store.access.getSite(slug)) throw new Error(`Site "${slug}" already exists; use: site update ${slug}`);
      const created = await store.access.createSite(input, new Date().toISOString());
      await auditCli(store, slug, 'site.add', slug);
      process.stderr.write(`Added site "${slug}" (${created.name}); origins: ${originList(created)}\n`);
    });
  }
  if (action === 'update') {
    return withStore(flags, async (store) => {
      const current = await store.access.getSite(slug);
      if (!current) throw new Error(`There is no site "${slug}"`);
      const removed = origins(flags['remove-origin']);
      const kept = (flags.origin ? origins(flags.origin) : current.allowedOrigins).filter((o) => !removed.includes(o));
      const added = origins(flags['add-origin']).filter((o) => !kept.includes(o));
      // The volunteer settings are one object in the site's settings: keep what was not given.
      if (common.settings?.volunteer) common.settings.volunteer = { ...current.settings.volunteer, ...common.settings.volunteer };
      const changes = parseSiteChanges({
        ...(flags.name !== undefined && { name: flags.name }),
        allowedOrigins: [...new Set([...kept, ...added])],
        ...common,
      });
      const updated = (await store.access.updateSite(slug, changes))!;
      await auditCli(store, slug, 'site.update', slug);
      process.stderr.write(`Updated site "${slug}"; origins: ${originList(updated)}\n`);
    });
  }
  throw new UsageError(`Unknown command: site ${action ?? ''}`.trim());
}

async function webhook(action: string | undefined, args: string[], flags: Flags): Promise<void> {
  const [slug, url, ...extra] = args;
  const arity = action === 'set' ? 2 : 1;
  if (!slug || args.length !== arity || extra.length) {
    throw new UsageError(action === 'set' ? 'Usage: webhook set <site> <url>' : `Usage: webhook ${action ?? '<set|remove|status>'} <site>`);
  }
  return withStore(flags, async (store) => {
    if (!(await store.access.getSite(slug))) throw new Error(`There is no site "${slug}"`);
    if (action === 'set') {
      const allowPrivate = fileConfig?.webhookAllowPrivateNetworks ?? process.env.BUURTKIT_WEBHOOK_ALLOW_PRIVATE === '1';
      const problem = webhookUrlProblem(url!) ?? (await hostProblem(new URL(url!), allowPrivate));
      if (problem) throw new UsageError(`The webhook URL ${problem}`);
      const secret = newWebhookSecret();
      await store.webhooks.set({ site: slug, url: url!, secret, createdAt: new Date().toISOString() });
      await auditCli(store, slug, 'webhook.set', new URL(url!).origin);
      process.stdout.write(`${secret}\n`);
      process.stderr.write(`Submissions to "${slug}" now go to ${url}; verify them with the secret above (shown once).\n`);
    } else if (action === 'remove') {
      const removed = await store.webhooks.remove(slug);
      if (removed) await auditCli(store, slug, 'webhook.remove', slug);
      process.stderr.write(removed ? `Removed the webhook of "${slug}"\n` : `"${slug}" has no webhook\n`);
    } else if (action === 'status') {
      const target = await store.webhooks.get(slug);
      process.stdout.write(target ? `webhook\t${target.url}\tsince ${target.createdAt}\n` : 'webhook\t(none)\n');
      for (const d of await store.webhooks.listDeliveries(slug, 20)) {
        const when = d.finishedAt ?? (d.nextAttemptAt ? `next ${d.nextAttemptAt}` : '');
        process.stdout.write(`${d.id}\t${d.event}\t${d.status}\t${d.attempts} attempt(s)\t${when}\t${d.lastError ?? ''}\n`);
      }
    } else {
      throw new UsageError(`Unknown command: webhook ${action ?? ''}`.trim());
    }
  });
}

async function token(action: string | undefined, args: string[], flags: Flags): Promise<void> {
  const [target, ...extra] = args;
  if (!target || extra.length) {
    throw new UsageError(`token ${action ?? '<create|list|revoke>'} needs one argument`);
  }
  if (action === 'create') {
    const scopes = parseScopesOrUsage(flags.scopes ?? 'read,moderate,export');
    const days = integer(flags['expires-days'], 'expires-days', 1, 3650);
    return withStore(flags, async (store) => {
      if (!(await store.access.getSite(target))) throw new Error(`There is no site "${target}"`);
      const now = new Date();
      const expiresAt = days ? new Date(now.getTime() + days * 86_400_000) : null;
      const label = flags.label ?? null;
      const { token: secret, record } = await issueToken(store, { site: target, scopes, label, expiresAt, now });
      await auditCli(store, target, 'token.create', record.prefix);
      process.stdout.write(`${secret}\n`);
      const expiry = expiresAt ? `expires ${expiresAt.toISOString()}` : 'does not expire';
      process.stderr.write(
        `Token ${record.prefix}… for "${target}" (${scopes.join(', ')}), ${expiry}.\n` + 'Keep it now: it is not shown again.\n',
      );
    });
  }
  if (action === 'list') {
    return withStore(flags, async (store) => {
      for (const t of await store.access.listTokens(target)) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'active';
        process.stdout.write(`${t.prefix}\t${t.scopes.join(',')}\t${state}\t${t.label ?? ''}\n`);
      }
    });
  }
  if (action === 'revoke') {
    return withStore(flags, async (store) => {
      const matches = await store.access.findTokensByPrefix(target);
      const revoked = await store.access.revokeTokens(target, new Date().toISOString());
      if (revoked === 0) throw new Error(`No active token with prefix "${target}"`);
      await auditCli(store, matches[0]?.site ?? null, 'token.revoke', target, revoked);
      process.stderr.write(`Revoked ${revoked} token(s) with prefix ${target}\n`);
    });
  }
  throw new UsageError(`Unknown command: token ${action ?? ''}`.trim());
}

function parseScopesOrUsage(input: string) {
  try {
    return parseScopes(input);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function exportCommand(args: string[], flags: Flags): Promise<void> {
  const [slug, what, ...extra] = args;
  if (!slug || what !== 'ideas' || extra.length) {
    throw new UsageError('Usage: export <site> ideas [--format csv|json|ndjson|xlsx] [--delimiter semicolon|comma] [--out FILE]');
  }
  const format = flags.format ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (format !== 'csv' && flags.delimiter !== undefined) throw new UsageError('--delimiter is for --format csv');
  if (format === 'xlsx' && !flags.out && process.stdout.isTTY) {
    throw new UsageError('An XLSX file is binary: give --out FILE or redirect stdout to a file');
  }
  const delimiterName = flags.delimiter ?? 'semicolon';
  if (delimiterName !== 'semicolon' && delimiterName !== 'comma') {
    throw new UsageError('--delimiter must be semicolon or comma');
  }
  await withStore(flags, async (store) => {
    const site = await store.access.getSite(slug);
    if (!site) throw new Error(`There is no site "${slug}"`);
    const delimiter = CSV_DELIMITERS[delimiterName];
    const file = await startIdeaExport(store, site, {
      format: format as ExportFormat,
      delimiter,
      actor: 'cli',
      now: new Date(),
    });
    const source = Readable.from(file.chunks);
    if (flags.out) {
      await pipeline(source, createWriteStream(flags.out));
      process.stderr.write(`Wrote ${await file.rowCount} idea(s) to ${flags.out}\n`);
    } else {
      await pipeline(source, process.stdout, { end: false });
    }
  });
}

async function purgeCommand(args: string[], flags: Flags): Promise<void> {
  if (args.length) throw new UsageError('Usage: purge [--site S] [--dry-run]');
  const dryRun = flags['dry-run'] ?? false;
  await withStore(flags, async (store) => {
    const lines = await purge(store, {
      now: new Date(),
      actor: 'cli',
      dryRun,
      ...(flags.site !== undefined && { site: flags.site }),
    });
    for (const l of lines) {
      process.stdout.write(`${l.site}\t${l.action}\t${l.count}\treceived before ${l.before} (${l.months} months)\n`);
    }
    const total = lines.reduce((sum, l) => sum + l.count, 0);
    process.stderr.write(
      dryRun
        ? `Dry run: ${total} record(s) would have personal data removed; nothing changed\n`
        : `Removed personal data from ${total} record(s); audited per site\n`,
    );
  });
}

async function people(action: string | undefined, args: string[], flags: Flags): Promise<void> {
  const [slug, contact, ...extra] = args;
  if ((action !== 'show' && action !== 'erase') || !slug || !contact || extra.length) {
    throw new UsageError('Usage: people show <site> <contact> | people erase <site> <contact> [--include-content]');
  }
  if (action === 'show' && flags['include-content']) throw new UsageError('--include-content is for people erase');
  await withStore(flags, async (store) => {
    if (!(await store.access.getSite(slug))) throw new Error(`There is no site "${slug}"`);
    let intakeKeys;
    try {
      intakeKeys = toKeyring(intakeKeysFromEnv(process.env.BUURTKIT_INTAKE_KEYS) ?? fileConfig?.intakeKeys).get(slug);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const common = { actor: 'cli', now: new Date(), intakeKeys, auditKey: auditKeyFromSettings() };
    try {
      const result =
        action === 'show'
          ? await findPerson(store, slug, contact, common)
          : await erasePerson(store, slug, contact, { ...common, includeContent: flags['include-content'] ?? false });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } catch (error) {
      if (error instanceof ContactError) throw new UsageError(error.message);
      throw error;
    }
  });
}

/**
 * An online backup of the SQLite file with SQLite's backup API, safe while `serve` is writing.
 * The copy is made in one step (one read transaction, so concurrent commits cannot make it start
 * over), into a temporary file beside FILE that is checked with `integrity_check` and only then
 * renamed to FILE, so FILE is either absent or a complete, verified database.
 */
async function backup(args: string[], flags: Flags): Promise<void> {
  if (args.length || !flags.out === !flags.dir) throw new UsageError('Usage: backup --out FILE | --dir DIR [--keep-days N]');
  if (flags['keep-days'] !== undefined && !flags.dir) throw new UsageError('--keep-days goes with --dir');
  const keepDays = flags['keep-days'] === undefined ? BACKUP_KEEP_DAYS_DEFAULT : integer(flags['keep-days'], 'keep-days', 1, 3650)!;
  const now = new Date();
  if (flags.dir) mkdirSync(flags.dir, { recursive: true });
  const target = storeTarget(flags);
  if (target.backend !== 'sqlite') {
    throw new UsageError('backup is for SQLite; back up PostgreSQL with its own tools, e.g. pg_dump --format=custom');
  }
  if (target.path === ':memory:') throw new UsageError('An in-memory database cannot be backed up');
  if (!existsSync(target.path)) throw new Error(`There is no SQLite database at ${target.path}`);
  const out = flags.dir ? join(flags.dir, backupFileName(now)) : flags.out!;
  if (existsSync(out)) throw new Error(`${out} already exists; choose a new file name`);
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  const source = new Database(target.path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const result = await source.backup(temporary, { progress: () => 0x7fffffff });
    // Read-write, so closing it removes the -wal and -shm files beside the copy.
    const copy = new Database(temporary, { fileMustExist: true });
    let check: string;
    try {
      check = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } finally {
      copy.close();
    }
    if (check !== 'ok') throw new Error(`The backup failed its integrity check: ${check}`);
    renameSync(temporary, out);
    process.stderr.write(`Backed up ${describeStoreTarget(target)} to ${out} (${result.totalPages} pages, integrity ok)\n`);
    if (flags.dir) {
      for (const name of deleteExpiredBackups(flags.dir, now, keepDays)) {
        process.stderr.write(`Deleted ${join(flags.dir, name)}: older than ${keepDays} days\n`);
      }
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

async function migrate(flags: Flags): Promise<void> {
  const target = storeTarget(flags);
  process.stderr.write(`Storage: ${describeStoreTarget(target)}\n`);
  // Opening a store migrates it, under a lock (advisory lock / BEGIN IMMEDIATE).
  const store = await openStore(target);
  try {
    const versions = await store.migrations();
    const latest = versions[versions.length - 1] ?? 0;
    const applied = store.appliedOnOpen;
    process.stderr.write(
      applied.length
        ? `Applied migration(s) ${applied.join(', ')}; the schema is at version ${latest}\n`
        : `Nothing to do; the schema is at version ${latest}\n`,
    );
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values: flags, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (flags.help || command === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (!command) {
      process.stderr.write(HELP);
      return 2;
    }
    const configPath = flags.config ?? (process.env.BUURTKIT_CONFIG || undefined);
    fileConfig = configPath === undefined ? undefined : loadConfigFile(configPath);
    if (command === 'serve') {
      if (rest.length) throw new UsageError('serve takes no arguments');
      await serve(flags);
    } else if (command === 'migrate') {
      if (rest.length) throw new UsageError('migrate takes no arguments');
      await migrate(flags);
    } else if (command === 'site') await site(rest[0], rest.slice(1), flags);
    else if (command === 'token') await token(rest[0], rest.slice(1), flags);
    else if (command === 'export') await exportCommand(rest, flags);
    else if (command === 'purge') await purgeCommand(rest, flags);
    else if (command === 'webhook') await webhook(rest[0], rest.slice(1), flags);
    else if (command === 'people') await people(rest[0], rest.slice(1), flags);
    else if (command === 'erase') await people('erase', rest, flags);
    else if (command === 'backup') await backup(rest, flags);
    else throw new UsageError(`Unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`buurtkit-collector: ${error.message}\nRun buurtkit-collector --help for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigFileError) {
      process.stderr.write(`buurtkit-collector: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ZodError) {
      const lines = error.issues.map((i) => `  ${i.path.join('.') || 'input'}: ${i.message}`);
      process.stderr.write(`buurtkit-collector: invalid settings\n${lines.join('\n')}\n`);
      return 2;
    }
    process.stderr.write(`buurtkit-collector: ${(error as Error).message}\n`);
    return 1;
  }
}

// `serve` keeps running on its open server; the other commands end with their exit code.
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
