import { stemmerFor, type Synonyms, words } from '@signpost/core'
import type { RenderedArticle } from '../article.ts'

/**
 * One knowledge base of a build: the public one (at the out dir's root, as before audiences
 * existed) or an audience's, in a folder of its own. An audience's holds the public articles and
 * those that name it, as a signed-in customer expects to see both.
 */
export interface KnowledgeBasePlan {
  /** The audience's name; undefined for the public knowledge base. */
  audience?: string
  /** Folder of its files relative to the out dir: `''` or `audiences/<name>/`. */
  dir: string
  /** The articles it holds. */
  articles: RenderedArticle[]
  /** Articles of the build it must not hold: links to them are turned into text. */
  hidden: RenderedArticle[]
}

/** The folder under the out dir that holds an audience's knowledge base (`audiences/pro/`). */
export const audienceDir = (audience: string) => `audiences/${audience}/`

/** Whether readers of an audience (undefined: the public) may see an article. */
export function visibleTo(article: RenderedArticle, audience: string | undefined): boolean {
  const named = article.frontmatter.audience
  return named === undefined || (audience !== undefined && named.includes(audience))
}

/** Every audience an article names, sorted. */
export function audienceNames(articles: readonly RenderedArticle[]): string[] {
  return [...new Set(articles.flatMap((a) => a.frontmatter.audience ?? []))].sort()
}

/** The public knowledge base, then one per audience named anywhere in the content. */
export function knowledgeBases(articles: RenderedArticle[]): KnowledgeBasePlan[] {
  return [undefined, ...audienceNames(articles)].map((audience) => ({
    ...(audience === undefined ? {} : { audience }),
    dir: audience === undefined ? '' : audienceDir(audience),
    articles: articles.filter((a) => visibleTo(a, audience)),
    hidden: articles.filter((a) => !visibleTo(a, audience)),
  }))
}

/**
 * A writer's synonyms as one knowledge base ships them (in its manifest): without the words that
 * only articles its readers may not see use — a target (`[escalation override]`) or a whole entry
 * whose customer words are such a word — since nothing of those articles may be in its files.
 * Words are compared as the indexes hold them (as written and stemmed).
 */
export function synonymsFor(synonyms: Synonyms, own: RenderedArticle[], hidden: RenderedArticle[], locale: string): Synonyms {
  if (hidden.length === 0) return synonyms
  const stem = stemmerFor(locale)
  const ownWords = vocabulary(own)
  const hiddenWords = vocabulary(hidden)
  const secret = (text: string) => words(text).some((w) => [w, stem(w)].some((x) => hiddenWords.has(x)) && ![w, stem(w)].some((x) => ownWords.has(x)))
  const out: Synonyms = {}
  for (const [phrase, targets] of Object.entries(synonyms)) {
    if (secret(phrase)) continue
    const kept = targets.filter((t) => !secret(t))
    if (kept.length > 0) out[phrase] = kept
  }
  return out
}

/** Every index term of the articles (the words as written and stemmed, as the indexes counted them). */
function vocabulary(articles: RenderedArticle[]): Set<string> {
  const out = new Set<string>()
  for (const a of articles) for (const f of [...a.terms.primary, ...a.terms.body]) if (f) for (const t of f.terms.split(' ')) out.add(t)
  return out
}
