// The thread of write.ts that writes a large build's files while the main thread assembles the
// rest. Plain JavaScript: it needs no types, and so starts without Node's type stripper.
// Messages: batches of [path, data], then 'close'. It answers once: {} when every file is
// written, or { error, code } for the first write that failed (the rest are not attempted).
import { writeFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

let failed = false
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (!failed) parentPort.postMessage({})
    return
  }
  for (const [path, data] of failed ? [] : message) {
    try {
      writeFileSync(path, data)
    } catch (e) {
      failed = true
      parentPort.postMessage({ error: e.message, code: e.code })
      return
    }
  }
})
