import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
}

/**
 * A static server that gzips text as a CDN would (level 6) and serves everything else as is, so
 * transfer sizes measured in the browser are what customers would download.
 */
export async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path))
    if (!file.startsWith(normalize(dir) + sep)) return void res.writeHead(403).end()
    try {
      const data = await readFile(file)
      const type = TYPES[extname(file)]
      const gzip = type !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding']))
      res.writeHead(200, {
        'content-type': type ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      })
      res.end(gzip ? gzipSync(data, { level: 6 }) : data)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server }
}
