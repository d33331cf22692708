import { Worker } from 'node:worker_threads'
import { type Store, storeReads } from '../store.ts'
import { openSqlite } from './sqlite.ts'
import type { WriterCall, WriterReply, WriterRequest } from './writer-protocol.ts'

type Pending = { resolve: (value: never) => void; reject: (error: unknown) => void }

/**
 * The SQLite store: writes go to a writer thread that owns the write connection (migrating the
 * file on open), reports read on this thread through a read-only connection. WAL lets the two
 * run at once, and a commit's fsync no longer stalls the requests being parsed meanwhile.
 */
export async function openSqliteStore(path: string): Promise<Store> {
  const worker = new Worker(new URL('./writer-thread-entry.js', import.meta.url), { workerData: { path } })
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { ready: boolean; error?: unknown }) => (m.ready ? resolve() : reject(m.error)))
    worker.once('error', reject)
  })
  const pending = new Map<number, Pending>()
  let nextId = 1
  let failure: Error | undefined
  // The thread keeps the process alive only while it owes an answer.
  worker.unref()
  worker.on('message', (reply: WriterReply) => {
    const p = pending.get(reply.id)
    if (!p) return
    pending.delete(reply.id)
    if (pending.size === 0) worker.unref()
    if (reply.ok) p.resolve(reply.value as never)
    else p.reject(reply.error)
  })
  const fail = (error: Error) => {
    failure ??= error
    for (const p of pending.values()) p.reject(failure)
    pending.clear()
  }
  worker.on('error', (error) => fail(new Error(`signpost storage: the SQLite writer thread failed: ${error.message}`)))
  worker.on('exit', (code) => fail(new Error(`signpost storage: the SQLite writer thread exited (${code})`)))
  const ask = <T>(request: WriterCall): Promise<T> => {
    if (failure) return Promise.reject(failure)
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: never) => void, reject })
      if (pending.size === 1) worker.ref()
      worker.postMessage({ ...request, id } satisfies WriterRequest)
    })
  }
  const db = openSqlite(path, { reader: true })
  return {
    ...storeReads(db),
    writeBatches: (batches, now = Date.now()) => ask({ op: 'write', batches, now }),
    purge: (days, now = Date.now()) => ask({ op: 'purge', days, now }),
    eraseSession: (site, session) => ask({ op: 'erase', site, session }),
    async close() {
      await db.close()
      if (failure) return
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.ref() // keep the process alive until the thread has closed the file
      worker.postMessage({ op: 'close' } satisfies WriterRequest)
      await exited
    },
  }
}
