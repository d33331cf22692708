import type { SignpostEvent } from '@signpost/core'
import type { ErasureResult } from '../erasure.ts'
import type { WriteResult } from '../store.ts'

/** What the HTTP thread asks of the SQLite writer thread. */
export type WriterCall =
  | { op: 'write'; batches: readonly (readonly SignpostEvent[])[]; now: number }
  | { op: 'purge'; days: number; now: number }
  | { op: 'erase'; site: string; session: string }

export type WriterRequest = (WriterCall & { id: number }) | { op: 'close' }

/** Answers, matched to requests by `id`. */
export type WriterReply = { id: number; ok: true; value: WriteResult[] | { events: number; sessions: number; queries: number } | ErasureResult } | { id: number; ok: false; error: unknown }
