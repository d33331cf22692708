import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { ApiError } from '../http/errors.ts'

/** The Node request behind a Hono context on @hono/node-server; undefined under `app.request()`. */
export function nodeIncoming(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
}

const tooLarge = (max: number) =>
  new ApiError(413, 'payload-too-large', `request body larger than ${max} bytes`, { headers: { Connection: 'close' } })

/**
 * Reads the body as UTF-8 text, refusing more than `max` bytes with 413 whether the client
 * declared a Content-Length or streams chunks. On Node it reads the socket stream directly:
 * building a WHATWG Request and stream for every beacon costs more than the rest of ingest.
 *
 * @example
 * const text = await readBody(c, 256 * 1024)
 */
export async function readBody(c: Context, max: number): Promise<string> {
  const incoming = nodeIncoming(c)
  if (!incoming) {
    const declared = c.req.header('content-length')
    if (declared !== undefined && Number(declared) > max) throw tooLarge(max)
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length > max) throw tooLarge(max)
    return new TextDecoder().decode(bytes)
  }
  const declared = incoming.headers['content-length']
  if (declared !== undefined && Number(declared) > max) throw tooLarge(max)
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        incoming.off('data', onData)
        incoming.off('end', onEnd)
        incoming.resume() // drain what is in flight; the response closes the connection
        reject(tooLarge(max))
        return
      }
      chunks.push(chunk)
    }
    let ended = false
    const onEnd = () => {
      ended = true
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'))
    }
    // A client that hangs up mid-body is not a server failure: it gets no answer and no log line.
    const gone = () => {
      if (!ended) reject(new ApiError(400, 'client-disconnected', 'the client closed the connection before sending the whole body'))
    }
    incoming.on('data', onData)
    incoming.once('end', onEnd)
    incoming.once('error', gone)
    incoming.once('close', gone)
  })
}

/** A request header, from the Node request when there is one (no WHATWG Headers built). */
export function header(c: Context, name: string): string | undefined {
  const incoming = nodeIncoming(c)
  if (!incoming) return c.req.header(name)
  const v = incoming.headers[name]
  return Array.isArray(v) ? v.join(', ') : v
}
