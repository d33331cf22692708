import { Lexer, Marked, type MarkedOptions, type Token, Tokenizer, type Tokens } from 'marked'
import type { ArticleHeading } from '@signpost/core'
import { decodeEntities } from './html-text.ts'
import { joinPath } from './paths.ts'
import { createSlugger } from './slug.ts'

/** What the renderer needs to know about the article being rendered. */
export interface RenderContext {
  /** Directory of the article relative to the content root, forward slashes (`en/billing`). */
  dir: string
  /** Locale folder of the article (`en`), or '' for content without locale folders. */
  localeFolder: string
  /** Maps an image path relative to the content root to its output URL, or undefined when missing. */
  asset: (relPath: string) => string | undefined
}

export interface LinkRef {
  /** Target article id (may still be an alias or missing: checked after every article is loaded). */
  id: string
  /** The href as written, to find its line in the source. */
  href: string
}

export interface RenderOutput {
  html: string
  headings: ArticleHeading[]
  links: LinkRef[]
  /** Images whose files were not found, and links with unsafe schemes. */
  problems: { kind: 'broken-image' | 'unsafe-link' | 'non-article-link'; target: string }[]
  /** The first `# heading`, used as a title when frontmatter has none. */
  firstH1?: string
  /** True when the markdown carried raw HTML of its own: only then can the output hold unsafe markup. */
  rawHtml: boolean
}

interface RenderState extends RenderOutput {
  ctx: RenderContext
  slug: (text: string) => string
}

/** An attribute value that cannot hold markup, an entity or a quote. */
const PLAIN_VALUE = '"[^"<>&`]*"'
/** A URL that is http(s), mailto or has no scheme at all (no colon), with no entity to hide one behind. */
const SAFE_URL = '"(?:https?://|mailto:)?[^"<>&`:\\s]*"'

/**
 * Tags in raw HTML that need no sanitizer: the callout markup preprocess.ts writes, bare formatting
 * tags with no attributes (`<br>`, `<kbd>`), named anchors, and a few tags writers use most with
 * attributes that cannot run or load anything but an http(s) or relative URL: `<div class>`,
 * `<a href>`, `<img src alt>`, `<video controls><source src type>`, `<col width>`. DOMPurify would
 * keep them as they are (it only reformats them). On plausible-docs jsdom is then never loaded: it
 * took 0.6 s of a 1.6 s build.
 */
const INERT_TAG = new RegExp(
  [
    '<div class="callout callout-[a-z]+" role="note">',
    '<a\\s+(?:name|id)=(?:"[\\w.#-]+"|[\\w.#-]+)\\s*>',
    '</?(?:a|br|kbd|b|i|em|strong|sup|sub|u|s|code|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|colgroup|hr|span|div|small|mark|details|summary|blockquote|video|h[1-6])\\s*/?\\s*>',
    `<(?:div|span|p)\\s+class=${PLAIN_VALUE}\\s*>`,
    `<a(?:\\s+href=${SAFE_URL}|\\s+(?:title|download)=${PLAIN_VALUE}|\\s+target="_blank"|\\s+rel="noopener noreferrer")+\\s*>`,
    `<img(?:\\s+src=${SAFE_URL}|\\s+(?:alt|title|class|width|height)=${PLAIN_VALUE})+\\s*/?>`,
    `<video(?:\\s+(?:autoplay|loop|muted|controls|playsinline)(?=[\\s/>])|\\s+(?:width|height|preload)=${PLAIN_VALUE}|\\s+(?:src|poster)=${SAFE_URL})*\\s*>`,
    `<source(?:\\s+src=${SAFE_URL}|\\s+type=${PLAIN_VALUE})+\\s*/?>`,
    `<col(?:\\s+(?:width|span)=${PLAIN_VALUE})*\\s*/?>`,
  ].join('|'),
  'iy',
)

/** A raw link opening a new tab; sanitize.ts gives those no opener, and so does `withoutOpener`. */
const NEW_TAB_LINK = /<a\s[^<>]*\btarget="_blank"[^<>]*>/gi

/** Adds the `rel` DOMPurify's hook would add to raw links that open a new tab and carry none. */
function withoutOpener(html: string): string {
  return html.replace(NEW_TAB_LINK, (tag) => (/\srel=/i.test(tag) ? tag : `${tag.slice(0, -1)} rel="noopener noreferrer">`))
}

/** Raw HTML where every `<` starts an inert tag: the rest is text, which cannot run or load anything. */
function isInert(html: string): boolean {
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', INERT_TAG.lastIndex)) {
    INERT_TAG.lastIndex = i
    if (!INERT_TAG.test(html)) return false
  }
  return true
}

/**
 * Writers' HTML comments (hidden notes), dropped. `<!-->` and `<!--->` end where they start, as in
 * a browser; a comment with no end is left for the sanitizer.
 */
const COMMENT = /<!--(?:-?>|[\s\S]*?--!?>)/g

const SAFE_SCHEMES = /^(https?|mailto|tel):/i
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * marked's GFM inline-text rule stops before every character that could start an email address
 * or a mailto:/xmpp: link, looking ahead for an `@` at each one: the most expensive regex of a
 * build (business-central: 223 ms of 1.6 s of lexing, 139 ms without those stops; 24 of its 2,112
 * articles hold an `@`). Without an `@` in an article no email, mailto: or xmpp: link can match,
 * so the rule without those stops gives the same tokens (marked merges adjacent text). Derived
 * from marked's own rule; if a marked version words it differently, the rule stays as it is.
 */
const GFM_INLINE = Lexer.rules.inline.gfm
const NO_EMAIL_INLINE = ((): typeof GFM_INLINE | undefined => {
  const EMAIL_CHAR = "[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]"
  const LINK_STOP = '[^a-zA-Z0-9](?=(?:mailto|xmpp):)'
  const stops = [`${LINK_STOP}|`, `|${LINK_STOP}`, `|(?=${EMAIL_CHAR}+@)`, `|[^a-zA-Z0-9.!#$%&'*+\\/=?_\`{\\|}~-](?=${EMAIL_CHAR}+@)`]
  let source = GFM_INLINE.text.source
  for (const stop of stops) {
    if (!source.includes(stop)) return undefined
    source = source.replace(stop, '')
  }
  return { ...GFM_INLINE, text: new RegExp(source, GFM_INLINE.text.flags) }
})()

/** marked's lexer, with the cheaper inline-text rule for articles that hold no `@`. */
function lex<P = string, R = string>(src: string, options?: MarkedOptions<P, R>): Token[] {
  const tokenizer = new Tokenizer<P, R>()
  const lexer = new Lexer<P, R>({ ...options, tokenizer })
  // The lexer has just given the tokenizer its rules.
  if (NO_EMAIL_INLINE && tokenizer.rules.inline === GFM_INLINE && !src.includes('@')) tokenizer.rules.inline = NO_EMAIL_INLINE
  return lexer.lex(src)
}

/**
 * Any regex test flattens the string it reads. marked returns its HTML as a rope of thousands of
 * concatenated pieces; kept flat instead, every article a build holds on to is one object for the
 * garbage collector to copy: business-central's scavenges 339-376 → 245-293 ms (rendering alone).
 */
const FLATTEN = /^/

let state: RenderState | null = null
const current = (): RenderState => state!

const marked = new Marked({
  gfm: true,
  hooks: { provideLexer: (block) => (block === false ? Lexer.lexInline : lex) },
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      const html = withoutOpener(text.includes('<!--') ? text.replace(COMMENT, '') : text)
      if (html.trim() === '') return ''
      // What is checked is what is written: a comment's removal cannot leave unchecked markup.
      if (!isInert(html)) current().rawHtml = true
      return html
    },
    heading({ tokens, depth }: Tokens.Heading) {
      const s = current()
      const inner = this.parser.parseInline(tokens)
      // As read, not as escaped: "didn't" rather than "didn&#39;t" (the id would say "didn39t").
      const text = decodeEntities(inner.replace(/<[^>]+>/g, '')).trim()
      if (depth === 1 && s.firstH1 === undefined) {
        // The first H1 repeats the title: the widget shows the title itself.
        s.firstH1 = text
        return ''
      }
      const id = s.slug(text)
      s.headings.push({ depth, text, id })
      return `<h${depth} id="${escapeAttr(id)}">${inner}</h${depth}>\n`
    },
    link({ href, title, tokens }: Tokens.Link) {
      const s = current()
      const inner = this.parser.parseInline(tokens)
      const t = title ? ` title="${escapeAttr(title)}"` : ''
      if (href.startsWith('#')) return `<a href="${escapeAttr(href)}"${t}>${inner}</a>`
      if (HAS_SCHEME.test(href) || href.startsWith('//')) {
        if (!SAFE_SCHEMES.test(href) && !href.startsWith('//')) {
          s.problems.push({ kind: 'unsafe-link', target: href })
          return inner
        }
        const external = !/^(mailto|tel):/i.test(href)
        return `<a href="${escapeAttr(href)}"${t}${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${inner}</a>`
      }
      const [pathPart = '', anchor] = href.split('#', 2)
      const path = decodeURIComponent(pathPart.split('?')[0]!)
      if (path !== '' && /\.[a-z0-9]+$/i.test(path) && !/\.mdx?$/i.test(path)) {
        s.problems.push({ kind: 'non-article-link', target: href })
        return inner
      }
      const id = articleId(path, s.ctx)
      s.links.push({ id, href })
      const a = anchor ? ` data-signpost-anchor="${escapeAttr(anchor)}"` : ''
      return `<a href="#signpost:${escapeAttr(id)}" data-signpost-article="${escapeAttr(id)}"${a}${t}>${inner}</a>`
    },
    image({ href, title, text }: Tokens.Image) {
      const s = current()
      const alt = ` alt="${escapeAttr(text)}"`
      const t = title ? ` title="${escapeAttr(title)}"` : ''
      if (HAS_SCHEME.test(href) || href.startsWith('//')) {
        if (!/^https?:|^\/\//i.test(href)) {
          s.problems.push({ kind: 'unsafe-link', target: href })
          return escapeAttr(text)
        }
        return `<img src="${escapeAttr(href)}"${alt}${t} loading="lazy" decoding="async">`
      }
      const rel: string = href.startsWith('/') ? joinPath(s.ctx.localeFolder, href) : joinPath(s.ctx.dir, decodeURIComponent(href.split(/[?#]/)[0]!))
      const url = s.ctx.asset(rel)
      if (!url) {
        s.problems.push({ kind: 'broken-image', target: href })
        return ''
      }
      return `<img src="${escapeAttr(url)}"${alt}${t} loading="lazy" decoding="async">`
    },
  },
})

/** The article id a relative link points at: `../billing/refunds.md` from `en/account` → `billing/refunds`. */
function articleId(path: string, ctx: RenderContext): string {
  const rel = path.startsWith('/') ? joinPath(ctx.localeFolder, path) : joinPath(ctx.dir, path)
  const inLocale = ctx.localeFolder && rel.startsWith(`${ctx.localeFolder}/`) ? rel.slice(ctx.localeFolder.length + 1) : rel
  return inLocale.replace(/\.mdx?$/i, '').replace(/\/index$/, '')
}

/**
 * Renders preprocessed markdown to HTML, collecting headings, links and problems. Text is escaped
 * and every link and image goes through the checks above, so the output is unsafe only where the
 * writer's own raw HTML passed through (`rawHtml`), and that output must be sanitized.
 */
export function renderMarkdown(markdown: string, ctx: RenderContext): RenderOutput {
  state = { ctx, slug: createSlugger(), html: '', headings: [], links: [], problems: [], rawHtml: false }
  try {
    const html = marked.parse(markdown, { async: false }) as string
    FLATTEN.test(html)
    const { headings, links, problems, firstH1, rawHtml } = state
    return { html, headings, links, problems, firstH1, rawHtml }
  } finally {
    state = null
  }
}
