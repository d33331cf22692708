import type { WorkerRequest, WorkerResponse } from './protocol.ts'

type Loaded = Extract<WorkerResponse, { type: 'ready' }>
type Results = Extract<WorkerResponse, { type: 'results' }>

let policy: { createScriptURL(url: string): unknown } | undefined | null

/**
 * A Worker whose URL passes Trusted Types: on pages that enforce them, the script URL goes through
 * a policy named `signpost` (only this module holds it). Named `Worker` where used so the bundler
 * still recognizes `new Worker(new URL(…, import.meta.url))` and bundles the worker file.
 */
class TrustedWorker extends Worker {
  constructor(url: URL, options: WorkerOptions) {
    if (policy === undefined) {
      try {
        policy = (window as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): typeof policy } }).trustedTypes?.createPolicy('signpost', {
          createScriptURL: (u: string) => u,
        })
      } catch {
        policy = null
      }
    }
    super((policy?.createScriptURL(url.href) ?? url.href) as string, options)
  }
}

/** Runs searches in a worker; the newest query wins, older replies are dropped by the caller's sequence number. */
export class SearchClient {
  private readonly worker: Worker
  private readonly pending = new Map<number, (results: Results) => void>()
  private ready?: { resolve(r: Loaded): void; reject(e: Error): void }
  /** Called when the body index has arrived: re-run the current query for better results. */
  onBody?: () => void

  constructor() {
    const Worker = TrustedWorker
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
    this.worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
      if (data.type === 'results') {
        this.pending.get(data.seq)?.(data)
        this.pending.delete(data.seq)
      } else if (data.type === 'ready') this.ready?.resolve(data)
      else if (data.type === 'error') this.ready?.reject(new Error(data.message))
      else this.onBody?.()
    }
    this.worker.onerror = (e) => this.ready?.reject(new Error(`signpost: search worker failed: ${e.message}`))
  }

  /** Loads the manifest and a locale's primary index; resolves with the locale's articles once queries can be answered. */
  load(manifest: string, locale: string): Promise<Loaded> {
    this.ready?.reject(new Error('superseded'))
    return new Promise<Loaded>((resolve, reject) => {
      this.ready = { resolve, reject }
      this.post({ type: 'load', manifest, locale })
    })
  }

  search(seq: number, query: string, category: string, limit = 10): Promise<Results> {
    return new Promise((resolve) => {
      this.pending.set(seq, resolve)
      this.post({ type: 'search', seq, query, limit, category })
    })
  }

  terminate(): void {
    this.worker.terminate()
  }

  private post(message: WorkerRequest): void {
    this.worker.postMessage(message)
  }
}
