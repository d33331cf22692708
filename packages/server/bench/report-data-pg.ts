// The same rollups as report-data.ts, generated in PostgreSQL with generate_series, so the reports'
// timing can be read on both engines. The sessions table is left empty: no report reads it.
import pg from 'pg'
import { openStore } from '../src/storage/store.ts'
import { sliceDataSql } from './slice-data.ts'

export async function generateReportDataPg(url: string, options: { sessions: number; days: number }): Promise<string> {
  // Migrates the empty database to the current schema.
  await (await openStore(url)).close()
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  const { sessions, days } = options
  const today = Math.floor(Date.now() / 86_400_000)
  const first = today - days + 1
  const perDay = Math.round(sessions / days)
  const queriesPerDay = 3000
  const articles = 400
  const t0 = performance.now()
  const days_ = `generate_series(${first}, ${today}) AS day`
  await db.query('BEGIN')
  await db.query(`
    INSERT INTO daily (site, day, sessions, help_sessions, deflected_explicit, deflected_implicit, contacted_help, contact_sessions,
      searches, zero_results, nonzero_searches, clicked_searches, views)
    SELECT 'demo', day, ${perDay}, ${Math.round(perDay * 0.8)}, ${Math.round(perDay * 0.1)}, ${Math.round(perDay * 0.5)}, ${Math.round(perDay * 0.1)},
      ${Math.round(perDay * 0.125)}, ${perDay * 3}, ${Math.round(perDay * 0.45)}, ${Math.round(perDay * 2.55)}, ${Math.round(perDay * 2)}, ${perDay * 2}
    FROM ${days_}`)
  await db.query(`
    INSERT INTO query_daily (site, day, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts, last_seen)
    SELECT 'demo', day, 'query number ' || i, 1 + ${perDay * 3} / (i + 10), CASE WHEN i % 4 = 0 THEN 1 + ${perDay} / (i + 30) ELSE 0 END,
      1 + ${perDay * 2} / (i + 10), ${perDay} / (i + 10), 1 + ${perDay * 2} / (i + 10), 1 + ${perDay} / (i + 20), CASE WHEN i % 6 = 0 THEN 1 ELSE 0 END,
      day::bigint * 86400000 + i
    FROM ${days_} CROSS JOIN generate_series(0, ${queriesPerDay - 1}) AS i`)
  await db.query(`
    INSERT INTO query_weekly (site, week, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts, last_seen)
    SELECT site, (day + 3) / 7, query, SUM(searches), SUM(zero_results), SUM(nonzero_searches), SUM(clicked_searches), SUM(sessions),
      SUM(failed_sessions), SUM(contacts), MAX(last_seen)
    FROM query_daily GROUP BY site, (day + 3) / 7, query`)
  await db.query(`
    INSERT INTO article_daily (site, day, article, views, view_sessions, helpful_yes, helpful_no, contact_after_view)
    SELECT 'demo', day, 'section/article-' || i, 1 + ${perDay * 8} / (i + 20), 1 + ${perDay * 6} / (i + 20), ${perDay} / (i + 50), ${perDay} / (i + 200),
      ${perDay} / (i + 100)
    FROM ${days_} CROSS JOIN generate_series(0, ${articles - 1}) AS i`)
  await db.query(`
    INSERT INTO article_query_daily (site, day, article, query, clicks)
    SELECT 'demo', day, 'section/article-' || i, 'query number ' || ((i * 7 + j * 13) % ${queriesPerDay}), 1 + 40 / (j + 1)
    FROM ${days_} CROSS JOIN generate_series(0, ${articles - 1}) AS i CROSS JOIN generate_series(0, 14) AS j`)
  await db.query(`
    INSERT INTO breakdown_daily (site, day, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions)
    SELECT 'demo', day, 'l' || i, '/section-' || (j % 20) || '/page-' || j || '/:id', 1 + ${perDay} / ((i + 1) * (j + 5)), ${perDay} / ((i + 2) * (j + 5)),
      ${perDay} / ((i + 8) * (j + 5)), ${perDay} / ((i + 7) * (j + 5)), ${perDay} / ((i + 6) * (j + 9))
    FROM ${days_} CROSS JOIN generate_series(0, 5) AS i CROSS JOIN generate_series(0, 199) AS j`)
  await db.query(`
    INSERT INTO breakdown_weekly (site, week, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions)
    SELECT site, (day + 3) / 7, locale, route, SUM(help_sessions), SUM(deflected), SUM(contacted_help), SUM(contact_sessions), SUM(zero_result_sessions)
    FROM breakdown_daily GROUP BY site, (day + 3) / 7, locale, route`)
  await db.query(`
    INSERT INTO feedback_reasons (site, day, article, reason, votes, helpful, last_seen)
    SELECT 'demo', day, 'section/article-' || i, 'reason number ' || (i % 300), 1, 0, day::bigint * 86400000 + i
    FROM ${days_} CROSS JOIN generate_series(0, ${articles - 1}) AS i`)
  await db.query(`
    INSERT INTO learned_daily (site, day, query, article, sessions, helpful, contacts)
    SELECT 'demo', day, 'query number ' || i, 'section/article-' || ((i * 7 + j * 13) % ${articles}), 1 + ${perDay} / (i + 50), j,
      CASE WHEN i % 9 = 0 THEN 1 ELSE 0 END
    FROM ${days_} CROSS JOIN generate_series(0, ${queriesPerDay - 1}) AS i CROSS JOIN generate_series(0, 1) AS j`)
  for (const sql of sliceDataSql(first, days, perDay)) await db.query(sql)
  await db.query('COMMIT')
  await db.query('ANALYZE')
  await db.end()
  return `PostgreSQL: the same rollups (no sessions rows) generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`
}
