import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The one shape of every API error: `{ error: { code, message, status, details } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; status: number; details?: unknown[] }
}

/** An error an API handler throws to answer with the shared error shape. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly status: ContentfulStatusCode
  readonly code: string
  readonly details: unknown[] | undefined
  readonly headers: Record<string, string>

  constructor(status: ContentfulStatusCode, code: string, message: string, options: { details?: unknown[]; headers?: Record<string, string> } = {}) {
    super(message)
    this.status = status
    this.code = code
    this.details = options.details
    this.headers = options.headers ?? {}
  }
}

export function errorBody(status: number, code: string, message: string, details?: unknown[]): ApiErrorBody {
  return { error: { code, message, status, ...(details ? { details } : {}) } }
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [k, v] of Object.entries(error.headers)) c.header(k, v)
  return c.json(errorBody(error.status, error.code, error.message, error.details), error.status)
}
