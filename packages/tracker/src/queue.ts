import type { SignpostEvent } from '@signpost/core'

/**
 * Events not yet delivered, kept in localStorage so a page load that ends offline hands them to
 * the next one. Bounded: past `max` the oldest are dropped. Every write re-reads the stored list,
 * so another tab of the same site does not erase the events this one stored, or the reverse.
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
    this.#events = this.#stored()
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
    this.#save([...this.#stored(), event])
  }

  remove(ids: Iterable<string>): void {
    const gone = new Set(ids)
    this.#events = this.#events.filter((e) => !gone.has(e.id))
    this.#save(this.#stored().filter((e) => !gone.has(e.id)))
  }

  /** Forgets every event, this tab's and any other stored for the site (consent withdrawn). */
  clear(): void {
    this.#events = []
    this.#save([])
  }

  #stored(): SignpostEvent[] {
    try {
      const saved = this.#storage?.getItem(this.#key)
      const parsed: unknown = saved ? JSON.parse(saved) : []
      return Array.isArray(parsed) ? (parsed.slice(-this.#max) as SignpostEvent[]) : []
    } catch {
      return []
    }
  }

  #save(events: SignpostEvent[]): void {
    try {
      if (events.length === 0) this.#storage?.removeItem(this.#key)
      else this.#storage?.setItem(this.#key, JSON.stringify(events.slice(-this.#max)))
    } catch {
      // Storage full or blocked: the in-memory queue still delivers this page's events.
    }
  }
}
