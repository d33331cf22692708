/**
 * The article view's lazy chunk: DOMPurify and the HTML post-processing load with the first
 * article, never on the critical path. The build sanitized the HTML already; it is sanitized again
 * here because a knowledge base is fetched from a URL the widget cannot vouch for.
 */
import DOMPurify from 'dompurify'
import type { SignpostStrings } from '../strings.ts'
import { kbFile } from '../kb/knowledge-base.ts'

type Labels = Pick<SignpostStrings, 'opensInNewTab' | 'calloutNote' | 'calloutTip' | 'calloutImportant' | 'calloutWarning' | 'calloutCaution'>

/** Callout kinds the build writes (`:::warning`) → their label and icon. */
const CALLOUTS: Record<string, [keyof Labels, string]> = {
  note: ['calloutNote', 'i'],
  info: ['calloutNote', 'i'],
  tip: ['calloutTip', '✓'],
  important: ['calloutImportant', '!'],
  warning: ['calloutWarning', '!'],
  caution: ['calloutCaution', '!'],
  danger: ['calloutCaution', '!'],
}

/** Parses shard HTML into a sanitized fragment: no string ever reaches an HTML sink, so Trusted Types pages need no policy of ours. */
export function renderArticleHtml(html: string, base: string, labels: Labels): DocumentFragment {
  // null when the markup has no body to sanitize (a <frameset>, say): show nothing rather than fail.
  const fragment: DocumentFragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    ADD_ATTR: ['target', 'data-signpost-article', 'data-signpost-anchor', 'loading', 'decoding'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  }) ?? document.createDocumentFragment()
  const origin = new URL(base).origin
  for (const a of fragment.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href')!
    const article = a.getAttribute('data-signpost-article')
    if (article || href.startsWith('#')) {
      a.removeAttribute('target')
      // The panel opens it; the href only has to be a real address (a bare fragment reads as a
      // skip link with no target to assistive technology).
      if (article) a.setAttribute('href', `${location.pathname}${location.search}#signpost:${article}`)
      continue
    }
    const url = new URL(href, base)
    a.setAttribute('href', url.href)
    if (url.origin !== origin || a.getAttribute('target') === '_blank') {
      a.setAttribute('target', '_blank')
      a.setAttribute('rel', 'noopener noreferrer')
      const hint = document.createElement('span')
      hint.className = 'visually-hidden'
      hint.textContent = ` ${labels.opensInNewTab}`
      a.append(hint)
    }
  }
  for (const img of fragment.querySelectorAll('img')) {
    const src = img.getAttribute('src')
    // The build's own images carry the manifest URL's signature; an image elsewhere must not.
    if (src) img.setAttribute('src', src.startsWith('images/') ? kbFile(src, base) : new URL(src, base).href)
    img.setAttribute('loading', 'lazy')
    img.setAttribute('decoding', 'async')
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '')
  }
  for (const callout of fragment.querySelectorAll('.callout')) labelCallout(callout, labels)
  // Heading ids live in the widget's shadow root; prefix-free ids are fine there, but never let
  // shard ids collide with the widget's own.
  for (const el of fragment.querySelectorAll('[id]')) el.id = `a-${el.id}`
  return fragment
}

/**
 * Gives a callout its label ("Note", "Warning") and icon, so its kind is not told by colour alone:
 * the callout's own title (`:::warning[Before you start]`, a first paragraph that is only bold
 * text) becomes the label; otherwise the kind's name in the customer's language.
 */
function labelCallout(callout: Element, labels: Labels): void {
  const kind = /callout-([a-z]+)/.exec(callout.className)?.[1] ?? 'note'
  const [key, icon] = CALLOUTS[kind] ?? CALLOUTS.note!
  const first = callout.firstElementChild
  const titled = first?.tagName === 'P' && first.childNodes.length === 1 && first.firstElementChild?.tagName === 'STRONG'
  const label = titled ? first : document.createElement('p')
  if (!titled) {
    const strong = document.createElement('strong')
    strong.textContent = labels[key]
    label.append(strong)
    callout.prepend(label)
  }
  label.className = 'callout-label'
  const mark = document.createElement('span')
  mark.className = 'callout-icon'
  mark.setAttribute('aria-hidden', 'true')
  mark.textContent = icon
  label.prepend(mark)
}
