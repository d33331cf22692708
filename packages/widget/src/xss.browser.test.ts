import { expect, fixture, html } from '@open-wc/testing'
import './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, XSS_KB, typeQuery, until } from './test-support.ts'

// DOMPurify's own XSS and mXSS cases (../shared/security), a few classics when that is absent:
// make-fixture.ts put each payload raw into an article shard, its summary and its search text,
// and a script-looking title on every article.
const payloads: string[] = await fetch('/packages/widget/test/fixtures/dist/xss/payloads.json').then((r) => r.json())

/** Replaces the dialogs a payload would call with recorders; returns what they recorded. */
function recordDialogs(): { calls: string[]; restore(): void } {
  const calls: string[] = []
  const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, print: window.print }
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    ;(window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls.push(`${name}(${args.map(String).join(', ')})`)
      return null
    }
  }
  return { calls, restore: () => Object.assign(window, originals) }
}

const settle = () => new Promise((r) => setTimeout(r, 400))

describe('<signpost-help> against XSS payloads', () => {
  it('detects a payload that executes (positive control)', async () => {
    const dialogs = recordDialogs()
    try {
      const host = document.createElement('div')
      document.body.append(host)
      host.append(document.createRange().createContextualFragment(payloads[0]!))
      await settle()
      host.remove()
    } finally {
      dialogs.restore()
    }
    expect(dialogs.calls).to.deep.equal(['alert(1)'])
  })

  it(`runs none of ${payloads.length} payloads in article HTML, titles or summaries`, async () => {
    const dialogs = recordDialogs()
    try {
      const el = await fixture<SignpostHelp>(html`<signpost-help kb=${XSS_KB}></signpost-help>`)
      for (let i = 0; i < payloads.length; i++) {
        await el.showArticle(`xss/${i}`)
        await until(() => $(el, '#article-title')?.textContent?.startsWith(`Payload ${i} `), `payload ${i}`)
        const handlers = [...el.shadowRoot!.querySelectorAll('[part="article"] *')].flatMap((n) =>
          [...n.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${n.localName}[${a.name}]`),
        )
        expect(handlers, `payload ${i} event handlers`).to.deep.equal([])
        // Links and buttons a customer might click must not run script either.
        for (const a of el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="article"] a[href]')) {
          expect(a.href.trim().toLowerCase().startsWith('javascript:'), `payload ${i} link ${a.href}`).to.equal(false)
        }
      }
      await settle()
    } finally {
      dialogs.restore()
    }
    expect(dialogs.calls).to.deep.equal([])
  })

  it(`runs none of ${payloads.length} payloads typed into the search field`, async () => {
    const dialogs = recordDialogs()
    try {
      const el = await fixture<SignpostHelp>(html`<signpost-help kb=${XSS_KB}></signpost-help>`)
      await el.open()
      for (const payload of payloads) {
        typeQuery(el, payload)
        await el.updateComplete
      }
      // The results of a payload query show payload titles and summaries as text.
      await el.search('payload')
      await el.updateComplete
      expect(el.shadowRoot!.querySelectorAll('[role="option"] img, [role="option"] svg, [role="option"] script')).to.have.length(0)
      await settle()
    } finally {
      dialogs.restore()
    }
    expect(dialogs.calls).to.deep.equal([])
  })
})
