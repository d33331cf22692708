/**
 * Which (query, article) pairs one session contributes to the learned-keywords export, as a pure
 * function of the session's facts. The rollup stores the facts (first search of each query,
 * first and last view of each article, result clicks, helpful votes, last contact) and adds the
 * difference between this function before and after a flush, so the counts come out the same
 * whatever order the events arrive in, and a replayed event (dropped by id) changes nothing.
 */

/** What one session says about one pair. */
export interface LearnedFacts {
  query: string
  article: string
  /** When the session first opened the article after searching the query. */
  openTs: number
  helpful: boolean
  /** Whether the session contacted support at or after `openTs`. */
  contacted: boolean
}

export interface SessionFacts {
  queries: ReadonlyMap<string, { query: string; firstTs: number }>
  articles: ReadonlyMap<string, { article: string; firstTs: number; lastTs: number }>
  clicks: ReadonlyMap<string, { query: string; article: string; ts: number }>
  helpful: ReadonlySet<string>
  lastContact: number | undefined
}

/**
 * Past this many pairs a session (a script, not a customer: 100 queries × 100 views would make
 * 10,000) contributes no more; the limit is deterministic, so before and after still agree.
 */
export const MAX_LEARNED_PER_SESSION = 200

/** The pairs of one session: a result click, or a view of the article after a search of the query. */
export function learnedPairs(s: SessionFacts): Map<string, LearnedFacts> {
  const out = new Map<string, LearnedFacts>()
  const open = (query: string, article: string, ts: number) => {
    const key = query + '\u0000' + article
    const prev = out.get(key)
    if (prev) prev.openTs = Math.min(prev.openTs, ts)
    else if (out.size < MAX_LEARNED_PER_SESSION) out.set(key, { query, article, openTs: ts, helpful: false, contacted: false })
  }
  for (const c of s.clicks.values()) if (c.query !== '') open(c.query, c.article, c.ts)
  for (const q of s.queries.values()) {
    if (q.query === '') continue
    for (const a of s.articles.values()) {
      if (a.lastTs < q.firstTs) continue
      // The first view is the opening if it followed the search; otherwise a later one did (the last we know of).
      open(q.query, a.article, a.firstTs >= q.firstTs ? a.firstTs : a.lastTs)
    }
  }
  for (const p of out.values()) {
    p.helpful = s.helpful.has(p.article)
    p.contacted = s.lastContact !== undefined && s.lastContact >= p.openTs
  }
  return out
}

export interface LearnedDelta {
  query: string
  article: string
  sessions: number
  helpful: number
  contacts: number
}

/** Counter changes from `before` to `after` (−1, 0 or +1 each), pairs that did not change left out. */
export function learnedDelta(before: ReadonlyMap<string, LearnedFacts>, after: ReadonlyMap<string, LearnedFacts>): Map<string, LearnedDelta> {
  const out = new Map<string, LearnedDelta>()
  const add = (key: string, p: LearnedFacts, sign: number) => {
    let d = out.get(key)
    if (!d) {
      d = { query: p.query, article: p.article, sessions: 0, helpful: 0, contacts: 0 }
      out.set(key, d)
    }
    d.sessions += sign
    d.helpful += sign * +p.helpful
    d.contacts += sign * +p.contacted
  }
  for (const [key, p] of before) add(key, p, -1)
  for (const [key, p] of after) add(key, p, 1)
  for (const [key, d] of out) if (d.sessions === 0 && d.helpful === 0 && d.contacts === 0) out.delete(key)
  return out
}
