import type { SignpostEvent } from '@signpost/core'
import type { Store, WriteResult } from '../storage/store.ts'

interface Pending {
  events: readonly SignpostEvent[]
  resolve: (r: WriteResult) => void
  reject: (e: unknown) => void
}

/**
 * Group commit: batches from concurrent requests wait while one transaction is in flight, then all
 * go in the next transaction together. Each request's promise settles only after the transaction
 * holding its events has committed, so the caller's 2xx means "durably stored".
 *
 * @example
 * const writer = createGroupCommit(store)
 * const { stored, duplicates } = await writer.write(events)
 */
export interface GroupCommit {
  write(events: readonly SignpostEvent[]): Promise<WriteResult>
  /** Resolves once everything queued so far is committed. */
  drain(): Promise<void>
}

export function createGroupCommit(store: Store, options: { maxEventsPerTransaction?: number } = {}): GroupCommit {
  const maxEvents = options.maxEventsPerTransaction ?? 5000
  const queue: Pending[] = []
  let flushing: Promise<void> | null = null

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const take: Pending[] = []
      let count = 0
      while (queue.length > 0 && (take.length === 0 || count + queue[0]!.events.length <= maxEvents)) {
        const p = queue.shift()!
        take.push(p)
        count += p.events.length
      }
      try {
        const results = await store.writeBatches(take.map((p) => p.events))
        for (const [i, p] of take.entries()) p.resolve(results[i]!)
      } catch (error) {
        if (take.length === 1) {
          take[0]!.reject(error)
          continue
        }
        // One bad batch must not fail its neighbours: retry each on its own.
        for (const p of take) {
          try {
            const [r] = await store.writeBatches([p.events])
            p.resolve(r!)
          } catch (e) {
            p.reject(e)
          }
        }
      }
    }
  }

  const kick = (): void => {
    if (flushing) return
    flushing = flush().finally(() => {
      flushing = null
      if (queue.length > 0) kick()
    })
  }

  return {
    write(events) {
      if (events.length === 0) return Promise.resolve({ stored: [], duplicates: [] })
      return new Promise<WriteResult>((resolve, reject) => {
        queue.push({ events, resolve, reject })
        // Let the current turn of the event loop queue more requests before the first flush.
        if (!flushing) setImmediate(kick)
      })
    },
    async drain() {
      while (flushing || queue.length > 0) await (flushing ?? new Promise((r) => setImmediate(r)))
    },
  }
}
