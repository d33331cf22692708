import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { PREVIEW_PAGE } from './preview-page.ts'

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.html': 'text/html; charset=utf-8',
}

/**
 * Serves a built knowledge base with a writer's preview page at `/` that reloads after every
 * rebuild (server-sent events on `/__signpost/reload`).
 */
export function startPreviewServer(out: string, port: number): Promise<{ server: Server; url: string; reload(): void }> {
  const clients = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    // Whatever a request holds, it gets an answer and the writer's preview keeps running.
    handle(req, res).catch((error: Error) => {
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(`preview server error: ${error.message}\n`)
    })
  })
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let path: string
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`bad request: ${JSON.stringify((req.url ?? '').slice(0, 200))} is not a valid URL path\n`)
      return
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PREVIEW_PAGE)
      return
    }
    if (path === '/__signpost/reload') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }).write(': connected\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
      return
    }
    const file = normalize(join(out, path))
    if (!file.startsWith(normalize(out) + sep)) {
      res.writeHead(403).end()
      return
    }
    let data: Buffer
    try {
      data = await readFile(file)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`)
      return
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
    // An image opened on its own must not run script on the preview's origin.
    if (extname(file) === '.svg') headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    res.writeHead(200, headers).end(data)
  }
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : port
      resolve({
        server,
        url: `http://127.0.0.1:${actual}/`,
        reload: () => {
          for (const c of clients) c.write('data: reload\n\n')
        },
      })
    })
  })
}
