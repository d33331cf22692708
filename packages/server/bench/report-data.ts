// Bulk-generates the rollups that 1M sessions / 10M events over 90 days would leave behind, straight
// into SQLite with set-based SQL (seconds, not the hours ingesting 10M events one by one would take
// on a 2-core machine). Reports read only these tables, so their timing is what production sees.
import { DatabaseSync } from 'node:sqlite'
import { openSqlite } from '../src/storage/sqlite/sqlite.ts'
import { sliceDataSql } from './slice-data.ts'

export function generateReportData(path: string, options: { sessions: number; days: number }): string {
  openSqlite(path).close()
  const db = new DatabaseSync(path)
  const { sessions, days } = options
  const today = Math.floor(Date.now() / 86_400_000)
  const first = today - days + 1
  const perDay = Math.round(sessions / days)
  const queriesPerDay = 3000
  const articles = 400
  const queriesPerArticle = 15
  db.exec('PRAGMA synchronous = OFF')
  db.exec('BEGIN')
  const t0 = performance.now()
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${sessions - 1})
    INSERT INTO sessions (site, sid, seg, start_ts, last_ts, day, searched, viewed, voted_yes, contacted)
    SELECT 'demo', 's' || i, (${first} + i % ${days}) * 86400000 + i % 86400000, (${first} + i % ${days}) * 86400000 + i % 86400000,
      (${first} + i % ${days}) * 86400000 + i % 86400000 + 300000, ${first} + i % ${days}, i % 5 < 4, i % 3 < 2, i % 7 = 0, i % 8 = 0
    FROM n`)
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today})
    INSERT INTO daily (site, day, sessions, help_sessions, deflected_explicit, deflected_implicit, contacted_help, contact_sessions,
      searches, zero_results, nonzero_searches, clicked_searches, views)
    SELECT 'demo', day, ${perDay}, ${Math.round(perDay * 0.8)}, ${Math.round(perDay * 0.1)}, ${Math.round(perDay * 0.5)}, ${Math.round(perDay * 0.1)},
      ${Math.round(perDay * 0.125)}, ${perDay * 3}, ${Math.round(perDay * 0.45)}, ${Math.round(perDay * 2.55)}, ${Math.round(perDay * 2)}, ${perDay * 2}
    FROM d`)
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      q(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM q WHERE i < ${queriesPerDay - 1})
    INSERT INTO query_daily (site, day, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts, last_seen)
    SELECT 'demo', day, 'query number ' || i, 1 + ${perDay * 3} / (i + 10), CASE WHEN i % 4 = 0 THEN 1 + ${perDay} / (i + 30) ELSE 0 END,
      1 + ${perDay * 2} / (i + 10), ${perDay} / (i + 10), 1 + ${perDay * 2} / (i + 10), 1 + ${perDay} / (i + 20), (i % 6 = 0), day * 86400000 + i
    FROM d CROSS JOIN q`)
  db.exec(`
    INSERT INTO query_weekly (site, week, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts, last_seen)
    SELECT site, (day + 3) / 7, query, SUM(searches), SUM(zero_results), SUM(nonzero_searches), SUM(clicked_searches), SUM(sessions),
      SUM(failed_sessions), SUM(contacts), MAX(last_seen)
    FROM query_daily GROUP BY site, (day + 3) / 7, query`)
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      a(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM a WHERE i < ${articles - 1})
    INSERT INTO article_daily (site, day, article, views, view_sessions, helpful_yes, helpful_no, contact_after_view)
    SELECT 'demo', day, 'section/article-' || i, 1 + ${perDay * 8} / (i + 20), 1 + ${perDay * 6} / (i + 20), ${perDay} / (i + 50), ${perDay} / (i + 200),
      ${perDay} / (i + 100)
    FROM d CROSS JOIN a`)
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      a(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM a WHERE i < ${articles - 1}),
      q(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM q WHERE j < ${queriesPerArticle - 1})
    INSERT INTO article_query_daily (site, day, article, query, clicks)
    SELECT 'demo', day, 'section/article-' || i, 'query number ' || ((i * 7 + j * 13) % ${queriesPerDay}), 1 + 40 / (j + 1)
    FROM d CROSS JOIN a CROSS JOIN q`)
  // Help by locale and route: 6 locales × 200 routes a day.
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      l(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM l WHERE i < 5),
      r(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM r WHERE j < 199)
    INSERT INTO breakdown_daily (site, day, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions)
    SELECT 'demo', day, 'l' || i, '/section-' || (j % 20) || '/page-' || j || '/:id', 1 + ${perDay} / ((i + 1) * (j + 5)), ${perDay} / ((i + 2) * (j + 5)),
      ${perDay} / ((i + 8) * (j + 5)), ${perDay} / ((i + 7) * (j + 5)), ${perDay} / ((i + 6) * (j + 9))
    FROM d CROSS JOIN l CROSS JOIN r`)
  db.exec(`
    INSERT INTO breakdown_weekly (site, week, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions)
    SELECT site, (day + 3) / 7, locale, route, SUM(help_sessions), SUM(deflected), SUM(contacted_help), SUM(contact_sessions), SUM(zero_result_sessions)
    FROM breakdown_daily GROUP BY site, (day + 3) / 7, locale, route`)
  // Feedback reasons: one a day for each of the 400 articles, 400 a day (votes are sparse, and a
  // reason rarer still: 11,000 sessions a day leave perhaps a hundred).
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      a(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM a WHERE i < ${articles - 1}),
      r(j) AS (SELECT 0)
    INSERT INTO feedback_reasons (site, day, article, reason, votes, helpful, last_seen)
    SELECT 'demo', day, 'section/article-' || i, 'reason number ' || ((i + j * 31) % 300), 1 + j, j % 2, day * 86400000 + i
    FROM d CROSS JOIN a CROSS JOIN r`)
  // Learned pairs: each of the 3,000 daily queries opened two articles.
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT ${first} UNION ALL SELECT day + 1 FROM d WHERE day < ${today}),
      q(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM q WHERE i < ${queriesPerDay - 1}),
      k(j) AS (SELECT 0 UNION ALL SELECT 1)
    INSERT INTO learned_daily (site, day, query, article, sessions, helpful, contacts)
    SELECT 'demo', day, 'query number ' || i, 'section/article-' || ((i * 7 + j * 13) % ${articles}), 1 + ${perDay} / (i + 50), j, (i % 9 = 0)
    FROM d CROSS JOIN q CROSS JOIN k`)
  for (const sql of sliceDataSql(first, days, perDay)) db.exec(sql)
  db.exec('COMMIT')
  db.exec('ANALYZE')
  const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
  const summary =
    `${count('sessions').toLocaleString('en-US')} sessions over ${days} days (~${(sessions * 10).toLocaleString('en-US')} events' worth; raw events not generated, ` +
    `reports never read them), ${count('query_daily').toLocaleString('en-US')} query-day rows, ${count('article_daily').toLocaleString('en-US')} article-day rows, ` +
    `${count('article_query_daily').toLocaleString('en-US')} article-query-day rows, ${count('slice_query_daily').toLocaleString('en-US')} query-day rows by route and locale; generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`
  db.close()
  return summary
}
