import { readdir, readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { type PreviewDiagnostics, previewPage } from './preview-page.ts'

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

export interface PreviewOptions {
  /** Folder of the widget's CDN bundle (`signpost.js` and `chunks/`), served at `/__signpost/widget/`. */
  widget?: string
}

/**
 * Serves a built knowledge base with a writer's preview page at `/`: the real widget over it, and
 * the latest build's problems over the page. Both follow every rebuild through server-sent events
 * on `/__signpost/reload` (`reload` after a build that wrote output, `diagnostics` after every one).
 */
export function startPreviewServer(
  out: string,
  port: number,
  options: PreviewOptions = {},
): Promise<{ server: Server; url: string; reload(): void; report(diagnostics: PreviewDiagnostics): void }> {
  const clients = new Set<ServerResponse>()
  let latest: PreviewDiagnostics = { errors: 0, warnings: 0, lines: [] }
  const send = (event: string, data: string) => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${data}\n\n`)
  }
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
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(previewPage({ widget: options.widget !== undefined }))
      return
    }
    if (path === '/__signpost/reload') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }).write(': connected\n\n')
      res.write(`event: diagnostics\ndata: ${JSON.stringify(latest)}\n\n`)
      clients.add(res)
      req.on('close', () => clients.delete(res))
      return
    }
    if (path === '/__signpost/audiences') {
      // The writer's own machine: the preview may list what the public manifest never names.
      const names = await readdir(join(out, 'audiences'), { withFileTypes: true }).then(
        (entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(),
        () => [],
      )
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(names))
      return
    }
    if (path.startsWith('/__signpost/widget/')) {
      if (!options.widget) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('the widget bundle was not found\n')
      const file = normalize(join(options.widget, path.slice('/__signpost/widget/'.length)))
      if (!file.startsWith(normalize(options.widget) + sep)) return void res.writeHead(403).end()
      try {
        const data = await readFile(file)
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(data)
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`)
      }
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
        reload: () => send('reload', 'reload'),
        report: (diagnostics) => {
          latest = diagnostics
          send('diagnostics', JSON.stringify(diagnostics))
        },
      })
    })
  })
}
