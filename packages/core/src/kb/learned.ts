/**
 * The learned-keywords contract: what the server exports from real traffic (`signpost learn`,
 * `GET /v1/reports/learned`) and what `signpost build --learned` indexes. A pair is a normalized
 * query and the article that distinct sessions opened after searching it.
 */

/** Bumped whenever the shape of a learned file changes. */
export const LEARNED_FORMAT_VERSION = 1

export interface LearnedPair {
  /** The query as normalized by core's `normalizeQuery`, scrubbed. */
  query: string
  /** Article id (as in the manifest). */
  article: string
  /** Distinct sessions that searched the query and then opened the article. */
  sessions: number
  /** Of those, how many voted the article helpful. */
  helpful: number
  /** Of those, how many still contacted support afterwards. */
  contacts: number
  /** Locale the query was typed in; absent means the knowledge base's default locale. */
  locale?: string
}

/** Distinct sessions that viewed an article in the period, however they reached it. */
export interface LearnedViews {
  article: string
  sessions: number
}

export interface LearnedFile {
  format: typeof LEARNED_FORMAT_VERSION
  site: string
  /** First and last day covered, `YYYY-MM-DD`. */
  from: string
  to: string
  pairs: LearnedPair[]
  /** Per-article traffic ("popular articles"); optional. */
  views?: LearnedViews[]
}
