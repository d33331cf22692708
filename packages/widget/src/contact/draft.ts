/** The contact form's draft, kept in localStorage until it is sent, so a reload loses nothing typed. */
export interface Draft {
  email: string
  subject: string
  message: string
}

const KEY = 'signpost:contact-draft'

export function loadDraft(): Draft {
  const empty = { email: '', subject: '', message: '' }
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Draft> | null
    if (!saved || typeof saved !== 'object') return empty
    for (const k of ['email', 'subject', 'message'] as const) if (typeof saved[k] === 'string') empty[k] = saved[k]
    return empty
  } catch {
    return empty
  }
}

export function saveDraft(draft: Draft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft))
  } catch {
    // Storage blocked or full: the draft still lives in the form until the page goes.
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(KEY)
  } catch {}
}
