/**
 * @signpost/server: event ingest, reports API, storage on SQLite or PostgreSQL, and the
 * `serve` / `report` / `seed` commands.
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
export { ApiError, type ApiErrorBody } from './http/errors.ts'
