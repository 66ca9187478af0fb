/** `buurtkit/collector`: the collector as a library. The CLI (`buurtkit-collector`) is built on it. */
export { createApp, openCollector, type Collector, type CollectorOptions, type OpenCollectorOptions } from './app.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite.js';
export { PostgresStore, type PostgresStoreOptions } from './store/postgres.js';
export {
  describeStoreTarget,
  isPostgresUrl,
  openStore,
  redactUrl,
  resolveStoreTarget,
  StoreConfigError,
  type StoreSettings,
  type StoreTarget,
} from './store/open.js';
export { collectorLogger } from './logging.js';
export type * from './store/types.js';
export type { AccessStore } from './store/access/access.js';
export type { ActivitiesStore } from './store/activities/activities.js';
export type { AuditStore } from './store/audit/audit.js';
export type { IdeasStore } from './store/ideas/ideas.js';
export type { IntakesStore } from './store/intakes/intakes.js';
export type { LimitsStore } from './store/limits/limits.js';
export type { PollsStore } from './store/polls/polls.js';
export type { VolunteerStore } from './store/volunteer/volunteer.js';
export type { WebhooksStore } from './store/webhooks/webhooks.js';
export { issueToken, checkBearer, hashToken, parseScopes, type IssueTokenOptions } from './auth.js';
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits } from './rate-limit.js';
export { normaliseOrigin, parseNewSite, parseSiteChanges } from './sites.js';
export { CSV_BOM, CSV_DELIMITERS, csvChunks, csvRow, escapeCell, neutraliseCell, type CsvColumn, type CsvDelimiter } from './export/csv.js';
export {
  ideaExportColumns,
  ideaExportRecord,
  startIdeaExport,
  EXPORT_FORMATS,
  IDEA_EXPORT_HEADERS,
  IDEA_EXPORT_KEYS,
  type ExportFormat,
} from './export/ideas.js';
export { jsonChunks, type JsonFormat } from './export/json.js';
