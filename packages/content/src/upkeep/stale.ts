import { readFileSync } from 'node:fs'
import { LEARNED_FORMAT_VERSION, type LearnedFile } from '@signpost/core'
import type { RenderedArticle } from '../article.ts'

/** An article past its `review-by` date. */
export interface StaleArticle {
  id: string
  locale: string
  /** Path relative to the content root. */
  file: string
  /** Line of its `review-by:` key. */
  line: number
  reviewBy: string
  daysOverdue: number
  owner: string | null
  /** Sessions that viewed it in the traffic file's period; null without a traffic file. */
  views: number | null
}

const DAY = 86_400_000

/**
 * Articles whose `review-by` is before `today` (`YYYY-MM-DD`): the most read first when traffic is
 * known (a stale answer many customers read does the most harm), then the longest overdue.
 */
export function staleArticles(articles: RenderedArticle[], today: string, views?: Map<string, number>): StaleArticle[] {
  const now = Date.parse(today)
  const stale = articles.flatMap((a): StaleArticle[] => {
    const { reviewBy, reviewByLine, owner } = a.frontmatter
    if (!reviewBy || reviewBy >= today) return []
    const daysOverdue = Math.round((now - Date.parse(reviewBy)) / DAY)
    return [{ id: a.id, locale: a.locale, file: a.source.rel, line: reviewByLine ?? 1, reviewBy, daysOverdue, owner: owner ?? null, views: views ? (views.get(a.id) ?? 0) : null }]
  })
  return stale.sort((a, b) => (b.views ?? 0) - (a.views ?? 0) || b.daysOverdue - a.daysOverdue || (a.file < b.file ? -1 : 1))
}

/** Per-article views from a learned/traffic file (`signpost learn`, `GET /v1/reports/learned`). */
export function readViews(path: string): Map<string, number> {
  let file: Partial<LearnedFile>
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<LearnedFile>
  } catch (e) {
    throw new Error(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `not JSON (${(e as Error).message})`}`)
  }
  if (file.format !== LEARNED_FORMAT_VERSION) throw new Error(`${path}: not a learned file of format ${LEARNED_FORMAT_VERSION} (format: ${JSON.stringify(file.format)})`)
  if (!Array.isArray(file.views)) throw new Error(`${path}: has no "views" (per-article traffic); export it with views to rank by them`)
  const views = new Map<string, number>()
  for (const v of file.views) if (typeof v?.article === 'string' && typeof v.sessions === 'number') views.set(v.article, (views.get(v.article) ?? 0) + v.sessions)
  return views
}

/** Today as `YYYY-MM-DD` in UTC. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10)
