import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type LearnedFile, type Manifest, registerLanguages, type Synonyms } from '@signpost/core'
import type { RenderedArticle } from './article.ts'
import { readContentConfig, strictDiagnostics, undeclaredAudiences } from './content-config.ts'
import { type Diagnostic, sortDiagnostics } from './diagnostics.ts'
import { findArticles } from './files.ts'
import { learnedObject, type LoadedLearned, readLearnedFile } from './learned/learned-file.ts'
import { type LearnedIndex, learnedIndex } from './learned/learned-terms.ts'
import { assembleOutput, type OutputFiles } from './output/assemble.ts'
import { knowledgeBases } from './output/audiences.ts'
import { openOutput } from './output/write.ts'
import { type Asset, createRenderEnv } from './render-env.ts'
import { parseSynonyms } from './synonyms.ts'
import { renderArticles } from './render-pool.ts'
import { type SemanticMode, type SemanticOptions, semanticLayers } from './semantic/semantic-output.ts'
import type { Embedder } from './semantic/word-table.ts'
import { checkArticles } from './validate.ts'

export interface BuildOptions {
  /** Content root: a folder of markdown, optionally with top-level locale folders. */
  root: string
  /** Locale of articles outside a locale folder and without `locale` in frontmatter. Default `en`. */
  defaultLocale?: string
  /** Include `draft: true` articles (for previews). Default false. */
  drafts?: boolean
  /** Progress lines for long builds. */
  onProgress?: (line: string) => void
  /** Keeps rendered articles between builds so `signpost dev` re-renders only what changed. */
  cache?: BuildCache
  /** Writes the knowledge base to this folder as it is assembled; nothing when the content has errors. */
  out?: string
  /**
   * Count words for the search indexes (default true). `check` builds no index and passes false:
   * its articles' `terms` are then empty.
   */
  countWords?: boolean
  /**
   * Queries learned from traffic (`signpost learn`'s output): a path, or the file's content.
   * Default: `learned.json` in the content root when there is one; `false` for none.
   */
  learned?: string | LearnedFile | false
  /** Every warning is an error (`--strict`); default: `strict` in the folder's `signpost.yml`, else false. */
  strict?: boolean
  /**
   * Ranks by meaning too (`--semantic`): word and article vectors from a sentence model (the
   * optional `@energetic-ai/*` packages; an error names them when they are missing). `'local'`
   * ships only the corpus's words inside the index, so no request reveals the words typed.
   * Default false.
   */
  semantic?: SemanticMode
  /** Where the word table is cached between builds (default `$SIGNPOST_CACHE_DIR` or `~/.cache/signpost`). */
  cacheDir?: string
  /** The semantic layer's options a bench or a test sets: general vocabulary and dimensions. */
  semanticTuning?: Pick<SemanticOptions, 'base' | 'dims' | 'keepCommon' | 'articleText' | 'commonEnglish'>
}

export interface BuildCache {
  articles: Map<string, { key: string; article: RenderedArticle }>
}

export function createBuildCache(): BuildCache {
  return { articles: new Map() }
}

export interface ContentResult {
  articles: RenderedArticle[]
  synonyms: Record<string, Synonyms>
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  /** Ids (`locale:id`) rendered this time, as opposed to reused from the cache. */
  rendered: string[]
  /** Images by content-root-relative path. */
  assets: Map<string, Asset>
  /** What traffic taught, per locale and article, when a learned file was used. */
  learned?: LearnedIndex
}

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 10)

/** Loads, renders and checks every article. Writes nothing: `check` stops here, `build` goes on. */
export async function loadContent(options: BuildOptions): Promise<ContentResult> {
  registerLanguages()
  const { root, defaultLocale = 'en', cache, onProgress } = options
  const files = await findArticles(root)
  const env = createRenderEnv(root, defaultLocale)
  const { assets, readText } = env
  // Read when needed: what the render worker takes, it reads itself. Synchronous: thousands of
  // small files read in a tenth of the time the promise API takes.
  const sources: string[] = []
  const source = (i: number) => (sources[i] ??= readFileSync(files[i]!.path, 'utf8'))
  // An article's cache key covers its DocFX includes, so editing a snippet re-renders its users.
  const keyOf = (i: number, includes: string[]) => hash([source(i), ...includes.map((inc) => readText(inc) ?? '')].join('\0'))

  const articles: (RenderedArticle | undefined)[] = files.map((file, i) => {
    const prev = cache?.articles.get(file.rel)
    return prev && prev.key === keyOf(i, prev.article.includes) ? prev.article : undefined
  })
  const jobs = files.flatMap((file, i) => (articles[i] ? [] : [{ i, file }]))
  let lastReport = Date.now()
  const { articles: rendered } = await renderArticles(jobs, {
    root,
    env,
    source,
    countWords: options.countWords ?? true,
    onProgress: (done) => {
      if (onProgress && Date.now() - lastReport > 1000) {
        lastReport = Date.now()
        onProgress(`rendered ${done}/${jobs.length} articles…`)
      }
    },
  })
  for (const [i, article] of rendered) {
    articles[i] = article
    cache?.articles.set(files[i]!.rel, { key: keyOf(i, article.includes), article })
  }
  const all = articles as RenderedArticle[]
  // Images of articles reused from an earlier build are read again for this build's output.
  for (const article of all) for (const img of article.images) env.asset(img)
  const diagnostics = all.flatMap((a) => a.diagnostics)
  const synonyms: Record<string, Synonyms> = {}
  const locales = new Set(all.map((a) => a.locale))
  for (const locale of locales) {
    const name = locale === defaultLocale ? 'synonyms.yml' : `synonyms.${locale}.yml`
    const text = readText(name)
    if (text === undefined) continue
    const parsed = parseSynonyms(text, name)
    synonyms[locale] = parsed.synonyms
    diagnostics.push(...parsed.diagnostics.list)
  }
  diagnostics.push(...checkArticles(all))
  const learnedFile = openLearned(root, options.learned)
  const learned = learnedFile ? learnedIndex(learnedFile, all, defaultLocale) : undefined
  if (learned) diagnostics.push(...learned.diagnostics)
  const { config, diagnostics: configProblems } = readContentConfig(root)
  diagnostics.push(...configProblems, ...undeclaredAudiences(all, config))
  const sorted = sortDiagnostics((options.strict ?? config.strict) ? strictDiagnostics(diagnostics) : diagnostics)
  return {
    articles: options.drafts ? all : all.filter((a) => !a.frontmatter.draft),
    synonyms,
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === 'error').length,
    warnings: sorted.filter((d) => d.severity === 'warning').length,
    rendered: jobs.map(({ i }) => `${all[i]!.locale}:${all[i]!.id}`),
    assets,
    ...(learned ? { learned: learned.index } : {}),
  }
}

/** The learned file a build uses: the one given, else the content root's `learned.json`, if any. */
function openLearned(root: string, given: BuildOptions['learned']): LoadedLearned | undefined {
  if (given === false) return undefined
  if (typeof given === 'object') return learnedObject(given)
  const path = given ?? join(root, 'learned.json')
  if (given === undefined && !existsSync(path)) return undefined
  // Named relative to the content root, as every diagnostic is (the CLI prints them from where it runs).
  return readLearnedFile(path, relative(root, path).replaceAll('\\', '/'))
}

export interface BuildResult extends ContentResult {
  /** The public knowledge base's manifest (`manifest.json`). */
  manifest: Manifest
  /** Each audience's manifest (`audiences/<name>/manifest.json`), by name; empty without `audience` frontmatter. */
  audiences: Record<string, Manifest>
  /** Every file of every knowledge base, by path relative to the out dir. */
  files: OutputFiles
  /** Files written to `out` (unchanged ones are left alone) and stale ones removed; absent when nothing was. */
  written?: { written: number; removed: number }
  /** Locales left keyword-only by `--semantic` because the model does not know their language. */
  keywordOnly?: string[]
}

/**
 * Renders a content folder into the files of static knowledge bases, in memory and, given `out`,
 * on disk: the public one at the root, and one per audience in `audiences/<name>/`, each built
 * from its own articles only, so none holds a word of an article its readers may not see.
 */
export async function buildContent(options: BuildOptions): Promise<BuildResult> {
  const content = await loadContent(options)
  const output = options.out !== undefined && content.errors === 0 ? openOutput(options.out, { expected: content.articles.length }) : undefined
  const files: OutputFiles = new Map()
  const audiences: Record<string, Manifest> = {}
  const keywordOnly = new Set<string>()
  let manifest: Manifest | undefined
  let embedder: Embedder | undefined
  for (const kb of knowledgeBases(content.articles)) {
    const semantic =
      options.semantic && content.errors === 0
        ? await semanticLayers(kb.articles, { mode: options.semantic, cacheDir: options.cacheDir, onProgress: options.onProgress, embedder, ...options.semanticTuning })
        : undefined
    embedder = semantic?.embedder ?? embedder
    for (const locale of semantic?.skipped ?? []) keywordOnly.add(locale)
    const onFile = (name: string, data: string | Buffer) => {
      files.set(kb.dir + name, data)
      output?.write(kb.dir + name, data)
    }
    const built = assembleOutput({ ...content, articles: kb.articles, hidden: kb.hidden, semantic: semantic?.layers }, { defaultLocale: options.defaultLocale ?? 'en', onFile })
    if (kb.audience === undefined) manifest = built.manifest
    else audiences[kb.audience] = built.manifest
  }
  const written = await output?.close()
  return {
    ...content,
    manifest: manifest!,
    audiences,
    files,
    ...(written ? { written } : {}),
    ...(keywordOnly.size ? { keywordOnly: [...keywordOnly].sort() } : {}),
  }
}
