/**
 * Builds the widget with its production Vite config (in memory) and measures every chunk, gzip -9.
 * Shared by the size-budget test and the benchmark.
 */
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { type Rolldown, build } from 'vite'

export interface ChunkSize {
  file: string
  isEntry: boolean
  /** The search worker, started on first open: also on the way to the first result. */
  isWorker: boolean
  /** Statically imported chunks: these load before the entry runs. */
  imports: string[]
  dynamicImports: string[]
  modules: string[]
  bytes: number
  gzip: number
  code: string
}

export async function bundleSizes(): Promise<ChunkSize[]> {
  const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url))
  const result = await build({ configFile, logLevel: 'silent', build: { write: false, sourcemap: false } })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const chunks: ChunkSize[] = []
  for (const output of outputs) {
    for (const item of output.output) {
      if (item.type !== 'chunk') {
        // Workers are emitted as assets of the main build.
        if (!item.fileName.endsWith('.js')) continue
        const code = typeof item.source === 'string' ? item.source : Buffer.from(item.source).toString('utf8')
        const bytes = Buffer.byteLength(code)
        const gzip = gzipSync(code, { level: 9 }).length
        chunks.push({ file: item.fileName, isEntry: false, isWorker: item.fileName.includes('worker'), imports: [], dynamicImports: [], modules: [], bytes, gzip, code })
        continue
      }
      chunks.push({
        file: item.fileName,
        isEntry: item.isEntry,
        isWorker: false,
        imports: item.imports,
        dynamicImports: item.dynamicImports,
        modules: Object.keys(item.modules),
        bytes: Buffer.byteLength(item.code),
        gzip: gzipSync(item.code, { level: 9 }).length,
        code: item.code,
      })
    }
  }
  return chunks
}
