import type { SignpostEvent } from '@signpost/core'

/**
 * Events not yet delivered, kept in localStorage so a page load that ends offline hands them to
 * the next one. Bounded: past `max` the oldest are dropped.
 */
export class PersistentQueue {
  #events: SignpostEvent[] = []
  readonly #key: string
  readonly #storage: Storage | null
  readonly #max: number

  constructor(key: string, storage: Storage | null, max: number) {
    this.#key = key
    this.#storage = storage
    this.#max = max
    try {
      const saved = storage?.getItem(key)
      const parsed: unknown = saved ? JSON.parse(saved) : []
      if (Array.isArray(parsed)) this.#events = parsed.slice(-max) as SignpostEvent[]
    } catch {
      this.#events = []
    }
  }

  get length(): number {
    return this.#events.length
  }

  peek(count = this.#events.length): SignpostEvent[] {
    return this.#events.slice(0, count)
  }

  push(event: SignpostEvent): void {
    this.#events.push(event)
    if (this.#events.length > this.#max) this.#events.splice(0, this.#events.length - this.#max)
    this.#save()
  }

  remove(ids: Iterable<string>): void {
    const gone = new Set(ids)
    this.#events = this.#events.filter((e) => !gone.has(e.id))
    this.#save()
  }

  #save(): void {
    try {
      if (this.#events.length === 0) this.#storage?.removeItem(this.#key)
      else this.#storage?.setItem(this.#key, JSON.stringify(this.#events))
    } catch {
      // Storage full or blocked: the in-memory queue still delivers this page's events.
    }
  }
}
