import { REASON_SLICE_SQL, SLICE_TABLES_SQL } from './slices.ts'

/**
 * The little SQL surface both engines offer. Statements use `?` placeholders and SQL that SQLite
 * and PostgreSQL both accept; the PostgreSQL engine rewrites placeholders to `$n`.
 */
export type SqlValue = string | number | bigint | null
export type Dialect = 'sqlite' | 'postgres'

export interface SqlDb {
  readonly dialect: Dialect
  /** Rows of a query, numbers as JS numbers. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
  /** Runs `fn` in one transaction, committed durably before the promise resolves. */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>
  /** Serializes PostgreSQL writers touching the same keys; a no-op for SQLite (one writer). */
  lockKeys(keys: readonly string[]): Promise<void>
  close(): Promise<void>
}

/** A versioned schema change; applied once, in order, on start. */
export interface Migration {
  version: number
  name: string
  /** One script for both engines, or one per engine where their SQL differs. */
  sql: string | Record<Dialect, string>
}

export const migrationSql = (m: Migration, dialect: Dialect): string => (typeof m.sql === 'string' ? m.sql : m.sql[dialect])

/** Folds a session's query and article pairs into its `pairs` column (JSON, see `rollup.ts`). */
const foldPairs = (d: { array: string; agg: string; object: string; list: (rows: string) => string; text: string }) => `
ALTER TABLE sessions ADD COLUMN pairs TEXT NOT NULL DEFAULT '{"q":[],"a":[]}';
UPDATE sessions SET pairs = ${d.object}(
  'q', ${d.list(`SELECT ${d.agg}(${d.array}(x.query, x.first_ts, x.pending, x.zero, x.contacted)) FROM session_queries x
    WHERE x.site = sessions.site AND x.sid = sessions.sid AND x.seg = sessions.seg`)},
  'a', ${d.list(`SELECT ${d.agg}(${d.array}(x.article, x.first_ts, x.contacted)) FROM session_articles x
    WHERE x.site = sessions.site AND x.sid = sessions.sid AND x.seg = sessions.seg`)})${d.text}
WHERE EXISTS (SELECT 1 FROM session_queries x WHERE x.site = sessions.site AND x.sid = sessions.sid AND x.seg = sessions.seg)
   OR EXISTS (SELECT 1 FROM session_articles x WHERE x.site = sessions.site AND x.sid = sessions.sid AND x.seg = sessions.seg);
DROP TABLE session_queries;
DROP TABLE session_articles;
`

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, sessions and rollups',
    sql: `
CREATE TABLE events (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  ts BIGINT NOT NULL,
  session TEXT NOT NULL,
  received BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX events_ts ON events (ts);
CREATE TABLE sessions (
  site TEXT NOT NULL,
  sid TEXT NOT NULL,
  seg BIGINT NOT NULL,
  start_ts BIGINT NOT NULL,
  last_ts BIGINT NOT NULL,
  day INTEGER NOT NULL,
  searched INTEGER NOT NULL,
  viewed INTEGER NOT NULL,
  voted_yes INTEGER NOT NULL,
  contacted INTEGER NOT NULL,
  PRIMARY KEY (site, sid, seg)
);
CREATE INDEX sessions_last ON sessions (last_ts);
CREATE TABLE session_queries (
  site TEXT NOT NULL,
  sid TEXT NOT NULL,
  seg BIGINT NOT NULL,
  query TEXT NOT NULL,
  first_ts BIGINT NOT NULL,
  pending INTEGER NOT NULL,
  zero INTEGER NOT NULL,
  contacted INTEGER NOT NULL,
  PRIMARY KEY (site, sid, seg, query)
);
CREATE TABLE session_articles (
  site TEXT NOT NULL,
  sid TEXT NOT NULL,
  seg BIGINT NOT NULL,
  article TEXT NOT NULL,
  first_ts BIGINT NOT NULL,
  contacted INTEGER NOT NULL,
  PRIMARY KEY (site, sid, seg, article)
);
CREATE TABLE daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  sessions BIGINT NOT NULL DEFAULT 0,
  help_sessions BIGINT NOT NULL DEFAULT 0,
  deflected_explicit BIGINT NOT NULL DEFAULT 0,
  deflected_implicit BIGINT NOT NULL DEFAULT 0,
  contacted_help BIGINT NOT NULL DEFAULT 0,
  contact_sessions BIGINT NOT NULL DEFAULT 0,
  searches BIGINT NOT NULL DEFAULT 0,
  zero_results BIGINT NOT NULL DEFAULT 0,
  nonzero_searches BIGINT NOT NULL DEFAULT 0,
  clicked_searches BIGINT NOT NULL DEFAULT 0,
  views BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day)
);
CREATE TABLE query_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  query TEXT NOT NULL,
  searches BIGINT NOT NULL DEFAULT 0,
  zero_results BIGINT NOT NULL DEFAULT 0,
  nonzero_searches BIGINT NOT NULL DEFAULT 0,
  clicked_searches BIGINT NOT NULL DEFAULT 0,
  sessions BIGINT NOT NULL DEFAULT 0,
  failed_sessions BIGINT NOT NULL DEFAULT 0,
  contacts BIGINT NOT NULL DEFAULT 0,
  last_seen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, query)
);
CREATE TABLE article_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  article TEXT NOT NULL,
  views BIGINT NOT NULL DEFAULT 0,
  view_sessions BIGINT NOT NULL DEFAULT 0,
  helpful_yes BIGINT NOT NULL DEFAULT 0,
  helpful_no BIGINT NOT NULL DEFAULT 0,
  contact_after_view BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, article)
);
CREATE TABLE article_query_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  article TEXT NOT NULL,
  query TEXT NOT NULL,
  clicks BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, article, query)
);
CREATE INDEX article_query_daily_article ON article_query_daily (site, article, day);
`,
  },
  {
    version: 2,
    name: 'weekly query rollup for content gaps over long ranges',
    sql: `
CREATE TABLE query_weekly (
  site TEXT NOT NULL,
  week INTEGER NOT NULL,
  query TEXT NOT NULL,
  searches BIGINT NOT NULL DEFAULT 0,
  zero_results BIGINT NOT NULL DEFAULT 0,
  nonzero_searches BIGINT NOT NULL DEFAULT 0,
  clicked_searches BIGINT NOT NULL DEFAULT 0,
  sessions BIGINT NOT NULL DEFAULT 0,
  failed_sessions BIGINT NOT NULL DEFAULT 0,
  contacts BIGINT NOT NULL DEFAULT 0,
  last_seen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, week, query)
);
INSERT INTO query_weekly (site, week, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts, last_seen)
SELECT site, (day + 3) / 7, query, SUM(searches), SUM(zero_results), SUM(nonzero_searches), SUM(clicked_searches), SUM(sessions),
  SUM(failed_sessions), SUM(contacts), MAX(last_seen)
FROM query_daily GROUP BY site, (day + 3) / 7, query;
`,
  },
  {
    version: 3,
    // Two fewer randomly keyed B-trees to update per event: ingest writes a third less to the WAL.
    name: "a session's query and article pairs kept in its own row",
    sql: {
      // SQLite's JSON subtype does not survive a subquery, hence json(…) around each list.
      sqlite: foldPairs({ array: 'json_array', agg: 'json_group_array', object: 'json_object', list: (q) => `json(COALESCE((${q}), '[]'))`, text: '' }),
      postgres: foldPairs({ array: 'json_build_array', agg: 'json_agg', object: 'json_build_object', list: (q) => `COALESCE((${q}), '[]'::json)`, text: '::text' }),
    },
  },
  {
    version: 4,
    // Sessions that searched a query and then opened an article: the learned-keywords export.
    // Filled from this version on; earlier traffic is not replayed into it.
    name: 'learned query → article pairs',
    sql: `
CREATE TABLE learned_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  query TEXT NOT NULL,
  article TEXT NOT NULL,
  sessions BIGINT NOT NULL DEFAULT 0,
  helpful BIGINT NOT NULL DEFAULT 0,
  contacts BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, query, article)
);
`,
  },
  {
    version: 5,
    // Filled from this version on, like learned_daily.
    name: 'follow-up contacts, feedback reasons, and help by locale and route',
    sql: `
ALTER TABLE article_daily ADD COLUMN tickets_after_view BIGINT NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN repeat_contact_sessions BIGINT NOT NULL DEFAULT 0;
CREATE TABLE feedback_reasons (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  article TEXT NOT NULL,
  reason TEXT NOT NULL,
  votes BIGINT NOT NULL DEFAULT 0,
  helpful BIGINT NOT NULL DEFAULT 0,
  last_seen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, article, reason)
);
CREATE TABLE breakdown_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  locale TEXT NOT NULL,
  route TEXT NOT NULL,
  help_sessions BIGINT NOT NULL DEFAULT 0,
  deflected BIGINT NOT NULL DEFAULT 0,
  contacted_help BIGINT NOT NULL DEFAULT 0,
  contact_sessions BIGINT NOT NULL DEFAULT 0,
  zero_result_sessions BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, locale, route)
);
`,
  },
  {
    version: 6,
    // Version 5 shipped without these: a database already at 5 gets them here. The weekly split
    // starts from the daily one already counted; related queries are counted from this version on.
    name: 'help by locale and route by week, related unanswered queries',
    sql: `
CREATE TABLE breakdown_weekly (
  site TEXT NOT NULL,
  week INTEGER NOT NULL,
  locale TEXT NOT NULL,
  route TEXT NOT NULL,
  help_sessions BIGINT NOT NULL DEFAULT 0,
  deflected BIGINT NOT NULL DEFAULT 0,
  contacted_help BIGINT NOT NULL DEFAULT 0,
  contact_sessions BIGINT NOT NULL DEFAULT 0,
  zero_result_sessions BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, week, locale, route)
);
CREATE TABLE query_related_daily (
  site TEXT NOT NULL,
  day INTEGER NOT NULL,
  query TEXT NOT NULL,
  other TEXT NOT NULL,
  sessions BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, query, other)
);
INSERT INTO breakdown_weekly (site, week, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions)
  SELECT site, (day + 3) / 7, locale, route, SUM(help_sessions), SUM(deflected), SUM(contacted_help), SUM(contact_sessions), SUM(zero_result_sessions)
  FROM breakdown_daily GROUP BY site, (day + 3) / 7, locale, route;
`,
  },
  {
    version: 7,
    // Each segment's share is counted from its stored state; `backfill.ts` fills them from the
    // sessions and raw events still kept when this version is applied.
    name: 'reports split by locale and route',
    sql: `${SLICE_TABLES_SQL}
CREATE TABLE slices_backfill (pending INTEGER NOT NULL);
INSERT INTO slices_backfill (pending) VALUES (1);
`,
  },
  {
    version: 8,
    // Filled like version 7's tables, by `backfillReasonSlices`, from the raw events still kept.
    name: 'feedback reasons split by locale and route',
    sql: `${REASON_SLICE_SQL}
CREATE TABLE reason_slices_backfill (pending INTEGER NOT NULL);
INSERT INTO reason_slices_backfill (pending) VALUES (1);
`,
  },
]

/** Monday-based week number of a day number (day 0, 1970-01-01, was a Thursday). */
export const weekOf = (day: number): number => Math.floor((day + 3) / 7)

const pgText = new Map<string, string>()

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`. Our SQL has no `?` in literals. */
export function toPgPlaceholders(sql: string): string {
  let text = pgText.get(sql)
  if (text === undefined) {
    let n = 0
    text = sql.replace(/\?/g, () => `$${++n}`)
    // Ingest runs a few hundred statement shapes; the bound only guards against surprises.
    if (pgText.size > 10_000) pgText.clear()
    pgText.set(sql, text)
  }
  return text
}
