/**
 * @signpost/server: event ingest, ticket webhooks, reports API, storage on SQLite or PostgreSQL,
 * and the `serve` / `report` / `seed` / `learn` / `digest` commands.
 */
export { createApp, type CreateAppOptions, type SignpostApp } from './app.ts'
export {
  type ServerConfig,
  type SiteConfig,
  type RateLimitConfig,
  ConfigError,
  defaultConfig,
  loadConfigFile,
  parseConfig,
  originAllowed,
} from './config/config.ts'
export { openStore, createStore, type Store, type WriteResult, type OpenStoreOptions } from './storage/store.ts'
export type { SqlDb } from './storage/sql.ts'
export { createGroupCommit, type GroupCommit } from './ingest/group-commit.ts'
export { summary, timeseries, contentGaps, articles, type Summary, type PeriodSummary, type DayPoint, type ContentGap, type ArticleStats, type DayRange } from './reports/queries.ts'
export { parseRange } from './reports/range.ts'
export { seed, SEED_PREFIX, type SeedOptions } from './seed/seed.ts'
export { runCli, UsageError, USAGE, COMMANDS, type CliIo } from './cli/cli.ts'
export { learnedExport, DEFAULT_MIN_SESSIONS } from './learn/export.ts'
export { createWebhooksRoute, type WebhooksRouteOptions } from './webhooks/routes.ts'
export { VENDORS, type Vendor } from './webhooks/signatures.ts'
export { feedbackReasons, breakdown, BREAKDOWNS, type FeedbackReason, type BreakdownRow, type Breakdown } from './reports/ops.ts'
export { buildDigest, alerts, type Digest, type Alert } from './digest/digest.ts'
export { renderMarkdown, renderHtml, renderSlack } from './digest/render.ts'
export { ApiError, type ApiErrorBody } from './http/errors.ts'
