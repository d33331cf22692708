/** The tab's session id, shared with `<signpost-help>`'s `sessionId` through sessionStorage. No cookies. */
export const SESSION_KEY = 'signpost:session'

let fallback: string | undefined

export function sessionId(): string {
  try {
    let id = sessionStorage.getItem(SESSION_KEY)
    if (!id) {
      id = crypto.randomUUID()
      sessionStorage.setItem(SESSION_KEY, id)
    }
    return id
  } catch {
    // Storage blocked (some privacy modes): one id for this page's life.
    fallback ??= crypto.randomUUID()
    return fallback
  }
}
