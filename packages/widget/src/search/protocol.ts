import type { ManifestArticle, TextSegment } from '@signpost/core'

/** Main thread → search worker. */
export type WorkerRequest =
  | {
      type: 'load'
      /** Absolute URL of manifest.json. */
      manifest: string
      /** Wanted locale; empty for the manifest's default. */
      locale: string
    }
  | { type: 'search'; seq: number; query: string; limit: number; category: string }

/** One result, highlighted in the worker so the main thread needs no stemmer. */
export interface WorkerHit {
  id: string
  /** Highlighted title and snippet; absent until highlighting has loaded (the page shows them plain). */
  title?: TextSegment[]
  snippet?: TextSegment[]
}

/** Search worker → main thread. */
export type WorkerResponse =
  | { type: 'ready'; locale: string; dir: 'ltr' | 'rtl'; articles: ManifestArticle[] }
  | { type: 'body' }
  | { type: 'error'; message: string }
  | { type: 'results'; seq: number; normalized: string; hits: WorkerHit[] }
