// The render worker's entry, in plain JavaScript: a worker thread does not inherit the compile
// cache, and turning it on here, before any TypeScript loads, spares the thread Node's type
// stripper (a WebAssembly module compiled on every start).
import module from 'node:module'

module.enableCompileCache?.()
await import('./render-worker.ts')
