import { type ManifestArticle, type ManifestLocale, assertManifest } from '@signpost/core'

/**
 * A file of the knowledge base by its name in the manifest, with the manifest URL's query: a URL
 * the host signed for a whole folder (a CDN's wildcard policy) then opens every file in it.
 */
export const kbFile = (file: string, manifest: string): string => new URL(file + new URL(manifest).search, manifest).href

export async function fetchJson(url: string): Promise<object> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`signpost: GET ${url} answered ${response.status}`)
  return response.json()
}

/**
 * Reads a knowledge base's manifest as `signpost build` wrote it (in the search worker, so the
 * parse stays off the main thread): the locale asked for, by exact tag, then by base language,
 * then the manifest's default; and that locale's articles.
 */
export async function readManifest(url: string, wanted: string): Promise<{ locale: ManifestLocale; articles: ManifestArticle[] }> {
  const m = assertManifest(await fetchJson(url), url)
  const tag = wanted || m.defaultLocale
  const base = tag.split('-')[0]
  // The build always names one of its locales the default.
  const locale =
    m.locales.find((l) => l.locale === tag) ?? m.locales.find((l) => l.locale.split('-')[0] === base) ?? m.locales.find((l) => l.locale === m.defaultLocale)!
  return { locale, articles: m.articles.filter((a) => a.locale === locale.locale) }
}
