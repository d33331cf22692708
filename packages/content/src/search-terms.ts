import { BODY_FIELDS, type BodyDocument, indexOptions, PRIMARY_FIELDS, type PrimaryDocument, registerLanguages } from '@signpost/core'
import type { RenderedArticle } from './article.ts'
import { htmlToText } from './markdown/html-text.ts'
import { createTermCounter, type DocumentTerms } from './output/search-index.ts'

/** An article's words as its locale's primary and body search indexes count them. */
export interface ArticleTerms {
  primary: DocumentTerms
  body: DocumentTerms
}

/** The terms of an article whose words were not counted (`signpost check` builds no index). */
export const UNCOUNTED: ArticleTerms = { primary: [], body: [] }

/** What counting an article's words reads of it. */
export type Countable = Pick<RenderedArticle, 'id' | 'locale' | 'title' | 'summary' | 'frontmatter' | 'headings' | 'html'>

/** What the primary index holds of an article: the words that name it. */
export function primaryDocument(a: Countable): PrimaryDocument {
  const fm = a.frontmatter
  return { id: a.id, title: a.title, keywords: fm.keywords.join(' \n '), tags: [...fm.tags, fm.category ?? ''].join(' \n ') }
}

/** What the body index holds of an article. */
export function bodyDocument(a: Countable, text: string): BodyDocument {
  return { id: a.id, summary: a.summary, headings: a.headings.map((x) => x.text).join(' \n '), body: text }
}

/**
 * Counts articles' words for the search indexes as each article is rendered, on whichever thread
 * render-pool.ts chose, so assembling the indexes afterwards only merges counts (output/search-index.ts).
 * The plain text is taken from the HTML here and stays on that thread.
 */
export function createArticleTermCounter(): (a: Countable) => ArticleTerms {
  // Stop words and stemmers of every language core knows, on whichever thread counts.
  registerLanguages()
  const byLocale = new Map<string, { primary: (doc: object) => DocumentTerms; body: (doc: object) => DocumentTerms }>()
  return (a) => {
    let count = byLocale.get(a.locale)
    if (!count) {
      count = { primary: createTermCounter(indexOptions(a.locale, PRIMARY_FIELDS)), body: createTermCounter(indexOptions(a.locale, BODY_FIELDS)) }
      byLocale.set(a.locale, count)
    }
    return { primary: count.primary(primaryDocument(a)), body: count.body(bodyDocument(a, htmlToText(a.html))) }
  }
}
