import type { AddressInfo } from 'node:net'
import type { Server, ServerResponse } from 'node:http'
import { serve } from '@hono/node-server'
import { errorBody } from './errors.ts'

export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port: number
  host: string
  /** Body limit, to answer 413 to requests Node's parser refuses before the app sees them. */
  maxBodyBytes: number
  /** How long `close()` lets requests in flight finish before closing their sockets. Default 10,000 ms. */
  shutdownTimeoutMs?: number
}

export interface Listening {
  server: Server
  url: string
  /**
   * Stops accepting connections and closes the open ones: idle keep-alive sockets at once, busy
   * ones after their response (sent with `Connection: close`), any left after the timeout by force.
   * A request cut off that way got no answer, so its client retries; no acknowledged event is lost.
   */
  close(): Promise<void>
}

/**
 * Starts the app on a real socket. Node's HTTP parser refuses a request that carries both
 * `Content-Length` and `Transfer-Encoding` (a request-smuggling vector) before any handler runs;
 * we answer it in the API's error shape: 413 when either length exceeds the limit, else 400.
 */
export async function listen(options: ListenOptions): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: options.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server)) as Server
    s.once('error', reject)
  })
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable) return socket.destroy()
    const head = error.rawPacket?.toString('latin1') ?? ''
    const both = /^content-length:/im.test(head) && /^transfer-encoding:/im.test(head)
    const declared = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0)
    const firstChunk = /\r\n\r\n([0-9a-f]+)\r\n/i.exec(head)
    const chunk = firstChunk ? Number.parseInt(firstChunk[1]!, 16) : 0
    let status = 400
    let body = errorBody(400, 'bad-request', `malformed HTTP request (${error.code ?? error.message})`)
    if (both && (declared > options.maxBodyBytes || chunk > options.maxBodyBytes)) {
      status = 413
      body = errorBody(413, 'payload-too-large', `request body larger than ${options.maxBodyBytes} bytes`)
    } else if (both) {
      body = errorBody(400, 'bad-request', 'a request may not carry both Content-Length and Transfer-Encoding')
    }
    const json = JSON.stringify(body)
    socket.end(
      `HTTP/1.1 ${status} ${status === 413 ? 'Payload Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    )
  })
  const { port } = server.address() as AddressInfo
  const shutdown = trackResponses(server)
  return {
    server,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () => shutdown(options.shutdownTimeoutMs ?? 10_000),
  }
}

/**
 * Keep-alive clients that send without pause never leave a socket idle, so `server.close()` alone
 * waits for them forever. Once closing, every response not yet started is told to close its
 * connection, and each socket freed by a finished response is closed.
 */
function trackResponses(server: Server): (timeoutMs: number) => Promise<void> {
  const open = new Set<ServerResponse>()
  let closing = false
  // Prepended: the app's listener may write its answer before a listener added after it runs.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (closing) res.shouldKeepAlive = false
    open.add(res)
    res.once('close', () => {
      open.delete(res)
      if (closing) setImmediate(() => server.closeIdleConnections())
    })
  })
  let closed: Promise<void> | undefined
  return (timeoutMs) =>
    (closed ??= new Promise<void>((resolve) => {
      closing = true
      for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false
      const force = setTimeout(() => server.closeAllConnections(), timeoutMs)
      server.close(() => {
        clearTimeout(force)
        resolve()
      })
      server.closeIdleConnections()
    }))
}
