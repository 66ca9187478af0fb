/**
 * The optional configuration file (`--config FILE` or `BUURTKIT_CONFIG`): JSON with the same
 * settings as the flags and environment variables, checked strictly at start (unknown keys are
 * errors, so a typo never silently falls back to a default). A flag wins over the environment,
 * the environment over the file, the file over the built-in default.
 *
 * ```json
 * { "port": 8787, "host": "0.0.0.0", "trustProxy": ["127.0.0.1"], "logLevel": "info",
 *   "submissionLimit": 30, "voteLimit": 200, "rateWindow": 600,
 *   "databaseUrl": "postgres://collector@db:5432/buurtkit", "pgSchema": "buurtkit" }
 * ```
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { intakeKeysConfigSchema } from './intake-crypto.js';
import { isPostgresUrl } from './store/open.js';
import { parseTrustProxy } from './trust-proxy.js';
import { PG_SCHEMA_PATTERN } from './store/postgres.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const collectorConfigSchema = z
  .strictObject({
    /** For editors that validate against a JSON schema; ignored. */
    $schema: z.string().optional(),
    port: whole(0, 65535).optional(),
    host: z.string().min(1).optional(),
    /** `true` (one hop), a hop count, or the proxies' addresses/CIDRs (array or comma-separated). */
    trustProxy: z
      .union([z.boolean(), whole(0, 20), z.string(), z.array(z.string()).min(1)])
      .superRefine((value, ctx) => {
        try {
          parseTrustProxy(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      })
      .optional(),
    logLevel: z.enum(LOG_LEVELS).optional(),
    submissionLimit: whole(1, 1e9).optional(),
    voteLimit: whole(1, 1e9).optional(),
    siteSubmissionLimit: whole(1, 1e9).optional(),
    siteVoteLimit: whole(1, 1e9).optional(),
    renderTokens: z.enum(['required', 'off']).optional(),
    renderTokenLimit: whole(1, 1e9).optional(),
    /** The earlier release's names of `renderTokens` and `renderTokenLimit`, still read. */
    formTokens: z.enum(['required', 'off']).optional(),
    formTokenLimit: whole(1, 1e9).optional(),
    /** Seconds. */
    rateWindow: whole(1, 86400).optional(),
    databaseUrl: z.string().refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL; for SQLite use "db"').optional(),
    pgSchema: z.string().regex(PG_SCHEMA_PATTERN, 'must be lower-case letters, digits and _').optional(),
    db: z.string().min(1).optional(),
    /** Let webhooks reach loopback and private (LAN) addresses; off by default (SSRF). */
    webhookAllowPrivateNetworks: z.boolean().optional(),
    /** Welcome intake: per-site keys for the sensitive answers, `{ "<site>": [{ "id", "key" }] }`, current first. */
    intakeKeys: intakeKeysConfigSchema.optional(),
    /** Key for the erasure audit's contact hashes, kept apart from the database it protects. */
    auditKey: z.string().min(32, 'at least 32 characters, e.g. openssl rand -base64 32').optional(),
  })
  .refine((c) => !(c.databaseUrl !== undefined && c.db !== undefined), {
    message: 'give either "databaseUrl" (PostgreSQL) or "db" (SQLite), not both',
    path: ['db'],
  })
  .refine((c) => !(c.pgSchema !== undefined && c.db !== undefined), {
    message: '"pgSchema" only applies to PostgreSQL',
    path: ['pgSchema'],
  });

export type CollectorConfig = z.infer<typeof collectorConfigSchema>;

/** A configuration file that cannot be used; the message says which file and why. */
export class ConfigFileError extends Error {}

export function loadConfigFile(path: string): CollectorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = collectorConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new ConfigFileError(`invalid config file ${path}\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The environment with the file's storage settings beneath it: they count only where the
 * environment says nothing, and a database chosen in the environment replaces the file's
 * (rather than clashing with it).
 */
export function environmentWithConfig(config: CollectorConfig | undefined, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!config) return env;
  const layered = { ...env };
  if (!env.DATABASE_URL && !env.BUURTKIT_DB) {
    if (config.databaseUrl !== undefined) layered.DATABASE_URL = config.databaseUrl;
    if (config.db !== undefined) layered.BUURTKIT_DB = config.db;
  }
  if (!env.BUURTKIT_PG_SCHEMA && config.pgSchema !== undefined) layered.BUURTKIT_PG_SCHEMA = config.pgSchema;
  return layered;
}
