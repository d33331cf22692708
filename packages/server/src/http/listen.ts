import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { errorBody } from './errors.ts'

export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port: number
  host: string
  /** Body limit, to answer 413 to requests Node's parser refuses before the app sees them. */
  maxBodyBytes: number
}

export interface Listening {
  server: Server
  url: string
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
  return {
    server,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
