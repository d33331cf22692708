// The SQLite writer thread: owns the one write connection, so a commit's fsync blocks this thread
// and not the HTTP thread, which goes on parsing and validating the next requests meanwhile.
import { parentPort, workerData } from 'node:worker_threads'
import { backfillReasonSlices, backfillSlices } from '../slices-backfill.ts'
import { createStore } from '../store.ts'
import { openSqlite } from './sqlite.ts'
import type { WriterReply, WriterRequest } from './writer-protocol.ts'

const port = parentPort!
try {
  const db = openSqlite((workerData as { path: string }).path)
  // Before the first request: the migration to the slice tables leaves them to fill.
  await backfillSlices(db)
  await backfillReasonSlices(db)
  const store = createStore(db)
  // One request at a time: a purge must not start inside a write's transaction.
  let queue = Promise.resolve()
  port.on('message', (request: WriterRequest) => {
    queue = queue.then(async () => {
      if (request.op === 'close') {
        await store.close()
        port.close()
        return
      }
      let reply: WriterReply
      try {
        const value =
          request.op === 'write'
            ? await store.writeBatches(request.batches, request.now)
            : request.op === 'erase'
              ? await store.eraseSession(request.site, request.session)
              : await store.purge(request.days, request.now)
        reply = { id: request.id, ok: true, value }
      } catch (error) {
        reply = { id: request.id, ok: false, error }
      }
      port.postMessage(reply)
    })
  })
  port.postMessage({ ready: true })
} catch (error) {
  port.postMessage({ ready: false, error })
}
