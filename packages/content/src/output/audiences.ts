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
