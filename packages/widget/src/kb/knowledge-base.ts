import {
  type ArticleShard,
  type Manifest,
  type ManifestArticle,
  type ManifestLocale,
  type SearchIndex,
  assertManifest,
  loadSearchIndex,
  withBodyIndex,
} from '@signpost/core'

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`signpost: GET ${url} answered ${response.status}`)
  return response.json()
}

/**
 * A knowledge base as `signpost build` wrote it, fetched lazily: the manifest and the primary index
 * on first use, the body index right after, article shards one by one. Every file is fetched once.
 */
export class KnowledgeBase {
  readonly url: string
  private manifestPromise?: Promise<Manifest>
  private readonly indexes = new Map<string, Promise<SearchIndex>>()
  private readonly shards = new Map<string, Promise<ArticleShard>>()

  /** `url` is the manifest's, resolved against the page. */
  constructor(url: string) {
    this.url = new URL(url, document.baseURI).href
  }

  /** A file of the build, resolved against the manifest URL. */
  resolve(path: string): string {
    return new URL(path, this.url).href
  }

  manifest(): Promise<Manifest> {
    this.manifestPromise ??= fetchJson(this.url).then((m) => assertManifest(m, this.url))
    this.manifestPromise.catch(() => {
      this.manifestPromise = undefined
    })
    return this.manifestPromise
  }

  async locale(locale: string | undefined): Promise<ManifestLocale> {
    const m = await this.manifest()
    const wanted = locale || m.defaultLocale
    const base = wanted.split('-')[0]
    const found = m.locales.find((l) => l.locale === wanted) ?? m.locales.find((l) => l.locale.split('-')[0] === base)
    return found ?? m.locales.find((l) => l.locale === m.defaultLocale) ?? m.locales[0]!
  }

  async articles(locale: string): Promise<ManifestArticle[]> {
    return (await this.manifest()).articles.filter((a) => a.locale === locale)
  }

  /**
   * The search index of a locale as soon as its primary index has arrived; `onBody` runs with the
   * full index once the body index has been fetched in the background.
   */
  index(locale: string, onBody?: (index: SearchIndex) => void): Promise<SearchIndex> {
    let promise = this.indexes.get(locale)
    if (!promise) {
      promise = (async () => {
        const l = await this.locale(locale)
        const titles = new Map((await this.articles(l.locale)).map((a) => [a.id, a.title]))
        const primary = (await fetchJson(this.resolve(l.primaryIndex))) as object
        const index = loadSearchIndex({ locale: l.locale, primary: primary as never, synonyms: l.synonyms, titles })
        return index
      })()
      this.indexes.set(locale, promise)
      promise.catch(() => this.indexes.delete(locale))
      promise.then(async (index) => {
        const l = await this.locale(locale)
        const body = (await fetchJson(this.resolve(l.bodyIndex))) as object
        const full = withBodyIndex(index, body as never)
        this.indexes.set(locale, Promise.resolve(full))
        onBody?.(full)
      }, () => {}).catch((error) => console.warn(`signpost: body index not loaded, searching titles only: ${error}`))
    }
    return promise
  }

  /** The rendered article, from its shard. */
  shard(article: ManifestArticle): Promise<ArticleShard> {
    const key = `${article.locale}:${article.id}`
    let promise = this.shards.get(key)
    if (!promise) {
      promise = fetchJson(this.resolve(article.shard)) as Promise<ArticleShard>
      this.shards.set(key, promise)
      promise.catch(() => this.shards.delete(key))
    }
    return promise
  }
}
