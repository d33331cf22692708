// The slice_* rollups (reports split by route and locale) that report-data.ts and
// report-data-pg.ts generate beside the whole-site ones: SQL both engines run as it is.

/** Six locales × 200 routes; a query is searched on three pages a day, an article read on five. */
export const BENCH_LOCALES = ['en', 'es', 'de', 'fr', 'pt-BR', 'ja'] as const
/** Short segments, so the server's route folding (`routeOf`) leaves them as they are. */
export const BENCH_ROUTE = '/s0/p0/:id'

export function sliceDataSql(first: number, days: number, perDay: number): string[] {
  const series = `n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999),
    l(i, tag) AS (VALUES ${BENCH_LOCALES.map((tag, i) => `(${i}, '${tag}')`).join(', ')})`
  const route = (r: string) => `'/s' || ((${r}) % 20) || '/p' || (${r}) || '/:id'`
  return [
    `WITH RECURSIVE ${series}
    INSERT INTO slice_daily (site, route, locale, day, sessions, help_sessions, deflected_explicit, deflected_implicit, contacted_help,
      contact_sessions, searches, zero_results, nonzero_searches, clicked_searches, views, repeat_contact_sessions, helpful_yes)
    SELECT 'demo', ${route('r.i')}, l.tag, ${first} + d.i, 1 + ${perDay} / ((l.i + 1) * (r.i + 5)), 1 + ${perDay} / ((l.i + 1) * (r.i + 6)),
      ${perDay} / ((l.i + 8) * (r.i + 5)), ${perDay} / ((l.i + 2) * (r.i + 5)), ${perDay} / ((l.i + 8) * (r.i + 5)), ${perDay} / ((l.i + 7) * (r.i + 5)),
      ${3 * perDay} / ((l.i + 1) * (r.i + 5)), ${perDay} / ((l.i + 6) * (r.i + 5)), ${2 * perDay} / ((l.i + 1) * (r.i + 5)), ${perDay} / ((l.i + 1) * (r.i + 5)),
      ${2 * perDay} / ((l.i + 1) * (r.i + 5)), ${perDay} / ((l.i + 30) * (r.i + 5)), ${perDay} / ((l.i + 9) * (r.i + 5))
    FROM n d CROSS JOIN n r CROSS JOIN l WHERE d.i < ${days} AND r.i < 200`,
    `WITH RECURSIVE ${series}
    INSERT INTO slice_query_daily (site, route, locale, day, query, searches, zero_results, nonzero_searches, clicked_searches, sessions, failed_sessions, contacts)
    SELECT 'demo', ${route('(q.i * 7 + k.i * 31) % 200')}, l.tag, ${first} + d.i, 'query number ' || q.i, 1 + ${perDay} / (q.i + 10),
      CASE WHEN q.i % 4 = 0 THEN 1 + ${perDay} / (q.i + 90) ELSE 0 END, 1 + ${perDay} / (q.i + 20), ${perDay} / (q.i + 30), 1 + ${perDay} / (q.i + 15),
      1 + ${perDay} / (q.i + 60), CASE WHEN q.i % 6 = 0 THEN 1 ELSE 0 END
    FROM n d CROSS JOIN n q CROSS JOIN n k CROSS JOIN l WHERE d.i < ${days} AND k.i < 3 AND l.i = (q.i + k.i) % 6`,
    `WITH RECURSIVE ${series}
    INSERT INTO slice_article_daily (site, route, locale, day, article, views, view_sessions, helpful_yes, helpful_no, contact_after_view, tickets_after_view)
    SELECT 'demo', ${route('(a.i * 3 + k.i * 41) % 200')}, l.tag, ${first} + d.i, 'section/article-' || a.i, 1 + ${perDay * 2} / (a.i + 20),
      1 + ${perDay} / (a.i + 20), ${perDay} / (a.i + 250), ${perDay} / (a.i + 1000), ${perDay} / (a.i + 500), ${perDay} / (a.i + 900)
    FROM n d CROSS JOIN n a CROSS JOIN n k CROSS JOIN l WHERE d.i < ${days} AND a.i < 400 AND k.i < 5 AND l.i = (a.i + k.i) % 6`,
    `WITH RECURSIVE ${series}
    INSERT INTO slice_article_query_daily (site, route, locale, day, article, query, clicks)
    SELECT 'demo', ${route('(a.i * 3 + k.i * 41) % 200')}, l.tag, ${first} + d.i, 'section/article-' || a.i, 'query number ' || ((a.i * 7 + j.i * 13) % 3000),
      1 + 20 / (j.i + 1)
    FROM n d CROSS JOIN n a CROSS JOIN n j CROSS JOIN n k CROSS JOIN l WHERE d.i < ${days} AND a.i < 400 AND j.i < 15 AND k.i < 2 AND l.i = (a.i + k.i) % 6`,
  ]
}
